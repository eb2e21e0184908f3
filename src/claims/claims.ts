// The paper's claims, each with its test written down once: what it computes from a finished profile, the
// threshold it holds at, and why it is inconclusive when it cannot decide (figure not run, too few seeds or
// grid points, IMP no better than the constant predictor). Claims about IMP are judged once per protocol.
import { EXACT_DB, type FigureEvidence } from './evidence.js';
import { names, paired, tally, tooTrivial, type ImpLabel, type PairedCell, type Tally } from './compare.js';

type VerdictName = 'holds' | 'fails' | 'inconclusive';

export interface Verdict {
  claim: string;
  /** IMP protocol the claim was judged under; null for claims about IHT alone */
  protocol: 'reference' | 'fair' | null;
  statement: string;
  verdict: VerdictName;
  /** what was computed */
  statistic: string;
  threshold: string;
  /** the cells behind it */
  cells: string;
  /** why inconclusive (null otherwise) */
  reason: string | null;
  trivialCells: number;
  divergedRuns: number;
}

type Judged = Pick<Verdict, 'verdict' | 'statistic' | 'threshold' | 'cells' | 'reason'> & { tally?: Tally };

interface ClaimDef {
  id: string;
  statement: string;
  /** figures it reads (all must be in the profile) */
  figures: string[];
  /** judged once per IMP protocol */
  imp: boolean;
  judge(ev: FigureEvidence[], imp: ImpLabel): Judged;
}

const inconclusive = (reason: string, threshold: string, t?: Tally): Judged => ({
  verdict: 'inconclusive',
  statistic: '—',
  threshold,
  cells: '—',
  reason,
  ...(t ? { tally: t } : {}),
});
const fmt = (v: number) => (v === Infinity ? '∞' : v === -Infinity ? '−∞' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** "IHT ≥ IMP in at least `share` of the cells where IMP learned" (ties count for IHT). */
function winsShare(share: number, strict = false) {
  return (ev: FigureEvidence[], imp: ImpLabel): Judged => {
    const p = ev.flatMap((e) => paired(e, imp));
    const t = tally(p);
    const threshold = `IHT ${strict ? '>' : '≥'} IMP in ${share === 1 ? 'every' : `≥ ${share * 100} % of the`} cell(s) where IMP beats the constant predictor`;
    const why = tooTrivial(t);
    if (why) return inconclusive(why, threshold, t);
    const live = p.filter((c) => !c.trivial);
    const wins = live.filter((c) => (strict ? c.diff > 0 : c.diff >= 0));
    const frac = wins.length / live.length;
    // across figures, the cells of IMP's wins are counted per figure (an (m, s) name alone is ambiguous there)
    const lost = ev.map((e) => ({ id: e.fig.id, n: paired(e, imp).filter((c) => !c.trivial && !(strict ? c.diff > 0 : c.diff >= 0)).length }));
    const cells =
      ev.length > 1 ? `IMP won ${lost.map((l) => `${l.n} in ${l.id}`).join(', ')}` : `IMP won ${names(live.filter((c) => !wins.includes(c))) || 'none'}`;
    return {
      verdict: frac >= share ? 'holds' : 'fails',
      statistic: `IHT ${strict ? '>' : '≥'} IMP in ${wins.length} of ${live.length} cells (${fmt(frac)})`,
      threshold,
      cells,
      reason: null,
      tally: t,
    };
  };
}

function planted(prefix: string, label: string): ClaimDef[] {
  return [
    {
      id: `${prefix}/iht-more-robust`,
      statement: `${label}: IHT is more robust than IMP across most (m, s)`,
      figures: [prefix],
      imp: true,
      judge: winsShare(0.5),
    },
    {
      id: `${prefix}/iht-exact-recovery`,
      statement: `${label}: IHT reaches numerically exact recovery of the planted network`,
      figures: [prefix],
      imp: false,
      judge: ([e]) => {
        const iht = e!.cells.filter((c) => c.by.has('iht'));
        const exact = iht.filter((c) => c.by.get('iht')!.exact === c.by.get('iht')!.runs.length);
        return {
          verdict: exact.length > 0 ? 'holds' : 'fails',
          statistic: `every seed ≥ ${EXACT_DB} dB in ${exact.length} of ${iht.length} cells`,
          threshold: `at least one cell with every seed ≥ ${EXACT_DB} dB`,
          cells: exact.map((c) => `m=${c.m} s=${c.col}`).join(', ') || 'none',
          reason: null,
        };
      },
    },
    {
      id: `${prefix}/imp-drops-sharply`,
      statement: `${label}: IMP's PSNR drops sharply in some configurations`,
      figures: [prefix],
      imp: true,
      judge: ([e], imp) => {
        const p = paired(e!, imp);
        const t = tally(p);
        const threshold = 'IMP cell means span ≥ 10 dB over the grid';
        const why = tooTrivial(t);
        if (why) return inconclusive(why, threshold, t);
        const live = p.filter((c) => !c.trivial && c.imp.mean !== null && Number.isFinite(c.imp.mean));
        const hi = live.reduce((a, c) => (c.imp.mean! > a.imp.mean! ? c : a));
        const lo = live.reduce((a, c) => (c.imp.mean! < a.imp.mean! ? c : a));
        const span = hi.imp.mean! - lo.imp.mean!;
        return {
          verdict: span >= 10 ? 'holds' : 'fails',
          statistic: `span ${fmt(span)} dB`,
          threshold,
          cells: `high ${names([hi])}, low ${names([lo])}`,
          reason: null,
          tally: t,
        };
      },
    },
  ];
}

function comparable(prefix: string, label: string): ClaimDef {
  return {
    id: `${prefix}/comparable`,
    statement: `${label}: IHT and IMP are comparable`,
    figures: [prefix],
    imp: true,
    judge: ([e], imp) => {
      const p = paired(e!, imp);
      const t = tally(p);
      const threshold = 'median |IHT − IMP| ≤ 3 dB over the cells where IMP learned';
      const why = tooTrivial(t);
      if (why) return inconclusive(why, threshold, t);
      const live = p.filter((c) => !c.trivial);
      const med = median(live.map((c) => Math.abs(c.diff)));
      const signed = median(live.map((c) => c.diff));
      return {
        verdict: med <= 3 ? 'holds' : 'fails',
        statistic: `median |IHT − IMP| ${fmt(med)} dB over ${live.length} cells (median IHT − IMP ${fmt(signed)} dB)`,
        threshold,
        cells: names(live),
        reason: null,
        tally: t,
      };
    },
  };
}

/** Fig. 3: IHT ≥ IMP in most cells, and in the hard cells (smallest m or smallest s) it degrades less. */
function mnist(prefix: string, label: string): ClaimDef {
  return {
    id: `${prefix}/iht-at-least-as-robust`,
    statement: `${label}: IHT is at least as robust as IMP; in hard settings (small m or small s) its accuracy degrades less`,
    figures: [prefix],
    imp: true,
    judge: (ev, imp) => {
      const base = winsShare(0.5)(ev, imp);
      if (base.verdict === 'inconclusive') return base;
      const p = paired(ev[0]!, imp).filter((c) => !c.trivial);
      const minM = Math.min(...p.map((c) => c.cell.m));
      const minS = Math.min(...p.map((c) => c.cell.col));
      const hard = p.filter((c) => c.cell.m === minM || c.cell.col === minS);
      const d = hard.reduce((a, c) => a + (Number.isFinite(c.diff) ? c.diff : Math.sign(c.diff)), 0) / hard.length;
      return {
        ...base,
        verdict: base.verdict === 'holds' && d >= 0 ? 'holds' : 'fails',
        statistic: `${base.statistic}; mean IHT − IMP in the hard cells ${fmt(d)}`,
        threshold: `${base.threshold}, and mean IHT − IMP ≥ 0 in the cells of the smallest m or s`,
        cells: `hard: ${names(hard)}`,
      };
    },
  };
}

function inrWidth(prefix: string, label: string): ClaimDef {
  return {
    id: `${prefix}/iht-flat-in-m-imp-falls`,
    statement: `${label}: IHT's PSNR is nearly independent of m while IMP's falls markedly as m grows`,
    figures: [prefix],
    imp: true,
    judge: ([e], imp) => {
      const threshold = 'IHT: mean over s of its range over m ≤ 5 dB; IMP: mean over s of (largest m − smallest m) ≤ −3 dB';
      const ms = [...new Set(e!.cells.map((c) => c.m))].sort((a, b) => a - b);
      if (ms.length < 3) return inconclusive(`the grid has ${ms.length} value(s) of m; at least 3 are needed`, threshold);
      const p = paired(e!, imp);
      const t = tally(p);
      const why = tooTrivial(t);
      if (why) return inconclusive(why, threshold, t);
      const ss = [...new Set(p.map((c) => c.cell.col))];
      const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
      const ranges: number[] = [];
      const falls: number[] = [];
      for (const s of ss) {
        const row = p.filter((c) => c.cell.col === s).sort((a, b) => a.cell.m - b.cell.m);
        const ih = row.map((c) => finite(c.iht.mean)).filter((v): v is number => v !== null);
        if (ih.length >= 2) ranges.push(Math.max(...ih) - Math.min(...ih));
        const first = finite(row[0]?.imp.mean ?? null);
        const last = finite(row[row.length - 1]?.imp.mean ?? null);
        if (row.length >= 2 && first !== null && last !== null) falls.push(last - first);
      }
      if (!ranges.length || !falls.length) return inconclusive('no s with two or more m that both methods scored', threshold, t);
      const r = ranges.reduce((a, b) => a + b, 0) / ranges.length;
      const f = falls.reduce((a, b) => a + b, 0) / falls.length;
      return {
        verdict: r <= 5 && f <= -3 ? 'holds' : 'fails',
        statistic: `IHT range over m ${fmt(r)} dB; IMP largest − smallest m ${fmt(f)} dB (mean over ${ss.length} values of s)`,
        threshold,
        cells: `m ∈ {${ms.join(', ')}}`,
        reason: null,
        tally: t,
      };
    },
  };
}

/** Table 1's runs at period k: every seed's PSNR (+∞ for an exact fit). */
function tableRuns(e: FigureEvidence, pick: (k: number) => boolean): { k: number; psnr: number[]; conv: number[] }[] {
  return e.cells
    .filter((c) => pick(c.col) && c.by.has('iht'))
    .map((c) => {
      const rs = c.by.get('iht')!;
      return {
        k: c.col,
        psnr: rs.runs.map((r) => (r.diverged ? -Infinity : (r.psnr ?? Infinity))),
        conv: rs.runs.map((r) => r.convergenceStep ?? r.steps),
      };
    })
    .sort((a, b) => a.k - b.k);
}

/** Kendall's τ-a of (x, y) pairs. */
function kendall(x: number[], y: number[]): number {
  let c = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) {
      n++;
      c += Math.sign(x[j]! - x[i]!) * Math.sign(y[j]! - y[i]!);
    }
  return n ? c / n : 0;
}

const TABLE = 'table1-scp-ablation';
const tableClaims: ClaimDef[] = [
  {
    id: `${TABLE}/exact-for-k-below-5`,
    statement: 'Tables 1–2: for k < 5 IHT matches the planted model to numerical precision',
    figures: [TABLE],
    imp: false,
    judge: ([e]) => {
      const rows = tableRuns(e!, (k) => k < 5);
      const threshold = `every seed at every k < 5 ≥ ${EXACT_DB} dB`;
      if (!rows.length) return inconclusive('the profile runs no k < 5', threshold);
      const all = rows.flatMap((r) => r.psnr);
      const min = Math.min(...all);
      return {
        verdict: min >= EXACT_DB ? 'holds' : 'fails',
        statistic: `lowest PSNR ${fmt(min)} dB over ${all.length} runs`,
        threshold,
        cells: `k ∈ {${rows.map((r) => r.k).join(', ')}}`,
        reason: null,
      };
    },
  },
  {
    id: `${TABLE}/k100-far-from-exact`,
    statement: 'Tables 1–2: with k = 100 (generators never updated) the fit stays far from exact',
    figures: [TABLE],
    imp: false,
    judge: ([e]) => {
      const rows = tableRuns(e!, (k) => k >= 100);
      const threshold = 'every seed at k = 100 < 100 dB';
      if (!rows.length) return inconclusive('the profile runs no k = 100', threshold);
      const max = Math.max(...rows.flatMap((r) => r.psnr));
      return {
        verdict: max < 100 ? 'holds' : 'fails',
        statistic: `highest PSNR ${fmt(max)} dB`,
        threshold,
        cells: `k ∈ {${rows.map((r) => r.k).join(', ')}}`,
        reason: null,
      };
    },
  },
  {
    id: `${TABLE}/degrades-as-k-grows`,
    statement: 'Tables 1–2: fitting quality degrades and A converges more slowly as k grows',
    figures: [TABLE],
    imp: false,
    judge: ([e]) => {
      const rows = tableRuns(e!, () => true);
      const threshold = "Kendall's τ of (k, PSNR) < 0 and of (k, convergence step; not converged = the step budget) > 0, over every run";
      if (rows.length < 3) return inconclusive(`${rows.length} value(s) of k; at least 3 are needed`, threshold);
      const ks = rows.flatMap((r) => r.psnr.map(() => r.k));
      const cap = (v: number) => Math.max(-1e6, Math.min(1e6, v));
      const tp = kendall(
        ks,
        rows.flatMap((r) => r.psnr.map(cap)),
      );
      const tc = kendall(
        ks,
        rows.flatMap((r) => r.conv),
      );
      return {
        verdict: tp < 0 && tc > 0 ? 'holds' : 'fails',
        statistic: `τ(k, PSNR) ${fmt(tp)}, τ(k, convergence step) ${fmt(tc)}`,
        threshold,
        cells: `k ∈ {${rows.map((r) => r.k).join(', ')}}`,
        reason: null,
      };
    },
  },
];

const memoryClaim: ClaimDef = {
  id: 'memory/iht-stores-at-most-s',
  statement: "Memory: IHT stores at most s weights (+ the count sketch for vector output), IMP the dense N and Adam's 2N moments",
  figures: [],
  imp: false,
  judge: (ev) => {
    const iht = ev.flatMap((e) => e.cells.flatMap((c) => c.by.get('iht')?.runs ?? [])).filter((r) => !r.diverged);
    const over = iht.filter((r) => r.nnz > r.config.s);
    const ratios = ev.flatMap((e) =>
      e.cells.flatMap((c) => {
        const a = c.by.get('iht')?.runs.find((r) => r.paramBytes !== null);
        const b = c.by.get('imp')?.runs.find((r) => r.paramBytes !== null);
        return a && b ? [(b.paramBytes! + (b.optimizerBytes ?? 0)) / (a.paramBytes! + (a.optimizerBytes ?? 0))] : [];
      }),
    );
    const threshold = 'every IHT run stores nnz ≤ s weights (the bytes beside it, sketch included, are reported, not judged)';
    if (!iht.length || !ratios.length) return inconclusive('no cell has both methods', threshold);
    const min = Math.min(...ratios);
    return {
      verdict: over.length === 0 ? 'holds' : 'fails',
      statistic: `${over.length} of ${iht.length} IHT runs above s; IMP/IHT bytes ${fmt(min)}× to ${fmt(Math.max(...ratios))}× over ${ratios.length} cells`,
      threshold,
      cells: `${ev.length} figures`,
      reason: null,
    };
  },
};

const overall: ClaimDef = {
  id: 'all/iht-competitive-often-better',
  statement: 'Overall: IHT is competitive with, and often exceeds, IMP (planted MLPs, MNIST, INR)',
  figures: [],
  imp: true,
  judge: winsShare(0.5),
};

export const CLAIMS: readonly ClaimDef[] = [
  ...planted('fig1-planted-1layer', 'Fig. 1, 1 layer'),
  ...planted('fig1-planted-2layers', 'Fig. 1, 2 layers'),
  comparable('fig2-planted-vector', 'Fig. 2, 1 layer'),
  comparable('fig2-planted-vector-2layers', 'Fig. 2, 2 layers'),
  mnist('fig3-binary-mnist', 'Fig. 3, 0 vs 1'),
  mnist('fig3-mnist', 'Fig. 3, 10 classes'),
  inrWidth('fig4-inr-mnist-1layer', 'Fig. 4, 1 layer'),
  inrWidth('fig4-inr-mnist-2layers', 'Fig. 4, 2 layers'),
  {
    id: 'fig5/iht-beats-imp-everywhere',
    statement: 'Fig. 5: IHT beats IMP in all configurations',
    figures: ['fig5-inr-image-1layer', 'fig5-inr-image-2layers'],
    imp: true,
    judge: winsShare(1, true),
  },
  {
    id: 'fig5/clearer-with-two-layers',
    statement: 'Fig. 5: IHT beats IMP most clearly with two hidden layers',
    figures: ['fig5-inr-image-1layer', 'fig5-inr-image-2layers'],
    imp: true,
    judge: (ev, imp) => {
      const threshold = 'median IHT − IMP with 2 layers > with 1 layer';
      const [one, two] = ev.map((e) => paired(e, imp));
      const t = tally([...one!, ...two!]);
      const why = tooTrivial(t);
      if (why) return inconclusive(why, threshold, t);
      const med = (p: PairedCell[]) => median(p.filter((c) => !c.trivial).map((c) => c.diff));
      const [a, b] = [med(one!), med(two!)];
      if (!Number.isFinite(a + b) && Number.isNaN(a + b)) return inconclusive('a layer count has no cell where IMP learned', threshold, t);
      return {
        verdict: b > a ? 'holds' : 'fails',
        statistic: `median IHT − IMP: 1 layer ${fmt(a)} dB, 2 layers ${fmt(b)} dB`,
        threshold,
        cells: `${t.cells} cells`,
        reason: null,
        tally: t,
      };
    },
  },
  ...tableClaims,
  memoryClaim,
  overall,
];

/** Every claim's verdict from the figures a profile has (missing ones make their claims inconclusive). */
export function judgeClaims(evidence: readonly FigureEvidence[]): Verdict[] {
  const byId = new Map(evidence.map((e) => [e.fig.id, e]));
  const out: Verdict[] = [];
  for (const c of CLAIMS) {
    const missing = c.figures.filter((f) => !byId.has(f));
    const ev = c.figures.length ? c.figures.map((f) => byId.get(f)!).filter(Boolean) : [...evidence];
    for (const protocol of c.imp ? (['reference', 'fair'] as const) : [null]) {
      const label: ImpLabel = protocol === 'fair' ? 'imp-fair' : 'imp';
      const j: Judged = missing.length
        ? inconclusive(`figure ${missing.join(', ')} is not in this profile's results`, '—')
        : ev.length === 0
          ? inconclusive('no figure of this profile has results', '—')
          : c.judge(ev, label);
      const t = j.tally;
      const diverged = ev.flatMap((e) =>
        e.cells.flatMap((cell) => [...cell.by.entries()].filter(([k]) => k === 'iht' || k === label).map(([, r]) => r.diverged)),
      );
      out.push({
        claim: c.id,
        protocol,
        statement: c.statement,
        verdict: j.verdict,
        statistic: j.statistic,
        threshold: j.threshold,
        cells: j.cells,
        reason: j.reason,
        trivialCells: t?.trivial ?? 0,
        divergedRuns: diverged.reduce((a, b) => a + b, 0),
      });
    }
  }
  return out;
}
