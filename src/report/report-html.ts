// report.html: one self-contained page per profile run (no network): per figure the IHT, IMP (both
// protocols) and IHT − IMP heatmaps with a scale that tells exact recovery apart from 50 dB, the claims
// table, the parity table, and a drill-down: a click on a cell lists its runs and the command that
// recomputes each.
import type { Verdict } from '../claims/claims.js';
import { EXACT_DB, figureEvidence, type GridCell } from '../claims/evidence.js';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { defaults } from '../config/fields.js';
import type { FigureDef } from '../experiments/figures.js';
import type { CellRecord } from '../run/record.js';
import { EXACT_COLOUR } from './heatmap.js';

export interface ReportInput {
  profile: string;
  figures: Array<{ fig: FigureDef; records: readonly CellRecord[]; extraField?: string | undefined }>;
  verdicts: readonly Verdict[];
  /** the authors' printed values, and ours where this run holds the same cell */
  parity: Array<{ id: string; reference: number; ours: number | null }>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The one-line command that recomputes a run: the flags that differ from their defaults. */
function commandOf(cfg: CellConfig): string {
  const d = defaults(CELL_FIELDS) as unknown as Record<string, unknown>;
  const flags = Object.entries(CELL_FIELDS)
    .filter(([k]) => (cfg as unknown as Record<string, unknown>)[k] !== d[k] || k === 'task' || k === 'method')
    .map(([k, f]) => {
      const v = (cfg as unknown as Record<string, unknown>)[k];
      return f.kind === 'bool' ? (v ? `--${f.flag}` : '') : `--${f.flag} ${String(v)}`;
    })
    .filter(Boolean);
  return `npx sparse-recovery-lab cell ${flags.join(' ')}`;
}

/** Colour of a value on the figure's scale (viridis-like ramp); exact recovery and missing values apart. */
function colour(v: number | null, fig: FigureDef, diff = false): string {
  if (v === null) return '#c8c8c8';
  if (!diff && fig.metric === 'psnr' && v >= EXACT_DB) return EXACT_COLOUR;
  const [lo, hi] = diff ? (fig.metric === 'psnr' ? [-30, 30] : [-0.3, 0.3]) : fig.limits;
  const t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
  if (diff) {
    // blue (IMP better) – white – green (IHT better)
    const a = Math.abs(t - 0.5) * 2;
    const [r, g, b] = t < 0.5 ? [255 - 180 * a, 255 - 120 * a, 255] : [255 - 200 * a, 255 - 60 * a, 255 - 200 * a];
    return `rgb(${r | 0},${g | 0},${b | 0})`;
  }
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i]!.map((s, k) => Math.round(s + f * (stops[i + 1]![k]! - s)));
  return `rgb(${c.join(',')})`;
}

const show = (v: number | null, metric: string) =>
  v === null ? '—' : v === Infinity ? '∞' : v === -Infinity ? '−∞' : metric === 'accuracy' ? v.toFixed(3) : v.toFixed(1);

interface RunRow {
  seed: number;
  metric: number | null;
  supportRecovered: boolean | null;
  valuesRecovered: boolean | null;
  convergenceStep: number | null;
  diverged: boolean;
  divergedWhy: string | null;
  configHash: string;
  command: string;
}

function panel(fig: FigureDef, cells: GridCell[], label: string, title: string, drill: Map<string, RunRow[]>, axis: string): string {
  const ms = [...new Set(cells.map((c) => c.m))].sort((a, b) => a - b);
  const cols = [...new Set(cells.map((c) => c.col))].sort((a, b) => a - b);
  const diff = label === 'diff';
  const rows = ms.map((m) => {
    const tds = cols.map((col) => {
      const c = cells.find((x) => x.m === m && x.col === col);
      let v: number | null = null;
      let id = '';
      let note = '';
      if (c && diff) {
        const a = c.by.get('iht')?.mean ?? null;
        const b = c.by.get('imp')?.mean ?? null;
        v = a !== null && b !== null ? (a === b ? 0 : a - b) : null;
      } else if (c?.by.has(label)) {
        const rs = c.by.get(label)!;
        v = rs.mean;
        id = `${fig.id}|${label}|${m}|${col}`;
        drill.set(
          id,
          rs.runs.map((r) => ({
            seed: r.config.seed,
            metric: r[fig.metric] ?? null,
            supportRecovered: r.supportRecovered,
            valuesRecovered: r.valuesRecovered,
            convergenceStep: r.convergenceStep,
            diverged: r.diverged,
            divergedWhy: r.divergedWhy,
            configHash: r.configHash,
            command: commandOf(r.config),
          })),
        );
        note = `${rs.diverged ? ` ‡${rs.diverged}` : ''}${rs.trivial > rs.runs.length / 2 ? ' †' : ''}`;
      }
      const text = show(v === 0 ? 0 : v, fig.metric);
      const dark = !diff && v !== null && (v >= EXACT_DB || (v - fig.limits[0]) / (fig.limits[1] - fig.limits[0]) < 0.6);
      return `<td class="cell${id ? ' drill' : ''}"${id ? ` data-cell="${esc(id)}" tabindex="0"` : ''} style="background:${colour(v, fig, diff)};color:${dark ? '#fff' : '#000'}">${esc(text + note)}</td>`;
    });
    return `<tr><th>${m}</th>${tds.join('')}</tr>`;
  });
  return `<div class="panel"><h4>${esc(title)}</h4><table class="heat" data-panel="${esc(label)}"><tr><th>m \\ ${axis}</th>${cols.map((c) => `<th>${c}</th>`).join('')}</tr>${rows.join('')}</table></div>`;
}

function figureSection(f: ReportInput['figures'][number], drill: Map<string, RunRow[]>): string {
  const ev = figureEvidence(f.fig, f.records, f.extraField);
  const axis = f.fig.columns === 's' ? 's' : 'k';
  const labels = [...new Set(ev.cells.flatMap((c) => [...c.by.keys()]))];
  const panels = [
    labels.includes('iht') ? panel(f.fig, ev.cells, 'iht', 'IHT', drill, axis) : '',
    labels.includes('imp') ? panel(f.fig, ev.cells, 'imp', "IMP (authors' protocol)", drill, axis) : '',
    labels.includes('imp-fair') ? panel(f.fig, ev.cells, 'imp-fair', 'IMP (fair protocol)', drill, axis) : '',
    labels.includes('iht') && labels.includes('imp') ? panel(f.fig, ev.cells, 'diff', "IHT − IMP (authors' protocol)", drill, axis) : '',
  ].join('');
  const curves = f.fig.columns === 'extra' ? tableCurves(f) : '';
  return `<section class="figure" id="${esc(f.fig.id)}"><h3>${esc(f.fig.title)}</h3>${curves}<div class="panels">${panels}</div></section>`;
}

/** Tables 1–2: the fit's PSNR against the step, one curve per generator-update period k (mean over seeds). */
function tableCurves(f: ReportInput['figures'][number]): string {
  const field = f.extraField ?? 'scpEvery';
  const byK = new Map<number, Array<Array<number | null>>>();
  for (const r of f.records) {
    if (!r.psnrTrace) continue;
    const k = Number((r.config as unknown as Record<string, unknown>)[field]);
    byK.set(k, [...(byK.get(k) ?? []), r.psnrTrace]);
  }
  if (!byK.size) return '';
  const CAP = 170; // an exact step (no finite PSNR) is drawn at the top
  const curves = [...byK.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, traces]) => {
      const steps = Math.max(...traces.map((t) => t.length));
      const mean = Array.from({ length: steps }, (_, t) => {
        const v = traces
          .map((tr) => tr[t])
          .filter((x) => x !== undefined)
          .map((x) => (x === null ? CAP : Math.min(CAP, x!)));
        return v.reduce((a, b) => a + b, 0) / v.length;
      });
      return { k, mean };
    });
  const W = 640;
  const H = 320;
  const steps = Math.max(...curves.map((c) => c.mean.length));
  const lo = Math.min(0, ...curves.flatMap((c) => c.mean));
  const x = (t: number) => 50 + (t / Math.max(1, steps - 1)) * (W - 70);
  const y = (v: number) => H - 30 - ((v - lo) / (CAP - lo)) * (H - 50);
  const hues = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];
  const lines = curves.map(
    (c, i) =>
      `<polyline class="curve" data-k="${c.k}" fill="none" stroke="${hues[i % hues.length]}" stroke-width="2" points="${c.mean.map((v, t) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>` +
      `<text x="${W - 15}" y="${(y(c.mean[c.mean.length - 1]!) + 4).toFixed(1)}" font-size="11" fill="${hues[i % hues.length]}">k=${c.k}</text>`,
  );
  const ticks = [0, 50, 100, 150]
    .filter((v) => v >= lo)
    .map((v) => `<text x="8" y="${(y(v) + 4).toFixed(1)}" font-size="10">${v}</text><line x1="48" x2="${W - 20}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
  return `<figure class="curves"><svg width="${W + 30}" height="${H}" role="img" aria-label="PSNR against step, one curve per k">${ticks.join('')}${lines.join('')}
<text x="${W / 2}" y="${H - 6}" font-size="11">step (0 … ${steps - 1})</text><text x="4" y="14" font-size="11">PSNR of the fit (dB; ${CAP} = exact)</text></svg>
<figcaption>The fit's PSNR after each step on that step's gates, mean over seeds, one curve per generator-update period k.</figcaption></figure>`;
}

function claimsTable(verdicts: readonly Verdict[]): string {
  const rows = verdicts.map(
    (v) =>
      `<tr class="${v.verdict}"><td>${esc(v.claim)}</td><td>${esc(v.protocol ?? '—')}</td><td class="verdict">${v.verdict}</td><td>${esc(v.statement)}</td><td>${esc(v.verdict === 'inconclusive' ? (v.reason ?? '') : v.statistic)}</td><td>${esc(v.threshold)}</td><td>${v.trivialCells}</td><td>${v.divergedRuns}</td></tr>`,
  );
  return `<table id="claims"><tr><th>claim</th><th>IMP protocol</th><th>verdict</th><th>the paper says</th><th>statistic (or why inconclusive)</th><th>threshold</th><th>trivial IMP cells</th><th>diverged runs</th></tr>${rows.join('')}</table>`;
}

function parityTable(rows: ReportInput['parity']): string {
  const body = rows.map(
    (r) =>
      `<tr><td>${esc(r.id)}</td><td>${r.reference}</td><td>${r.ours === null ? 'not in this run (run <code>sparse-recovery-lab parity</code>)' : r.ours.toFixed(3)}</td></tr>`,
  );
  return `<table id="parity"><tr><th>cell</th><th>the authors' code printed (dB)</th><th>ours (dB)</th></tr>${body.join('')}</table>`;
}

const SCRIPT = `
const runs = JSON.parse(document.getElementById('runs').textContent);
const box = document.getElementById('drilldown');
function show(id) {
  const rs = runs[id] || [];
  const h = ['seed','metric','support recovered','values recovered','convergence step','diverged','config hash','command'];
  const fmt = (v) => v === null ? '—' : String(v);
  box.innerHTML = '<h3>' + id.split('|').join(' · ') + '</h3><table><tr>' + h.map((x) => '<th>' + x + '</th>').join('') + '</tr>' +
    rs.map((r) => '<tr><td>' + r.seed + '</td><td>' + fmt(r.metric) + '</td><td>' + fmt(r.supportRecovered) + '</td><td>' + fmt(r.valuesRecovered) +
      '</td><td>' + fmt(r.convergenceStep) + '</td><td>' + (r.diverged ? 'yes (' + r.divergedWhy + ')' : 'no') + '</td><td><code>' + r.configHash +
      '</code></td><td><code>' + r.command.replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</code></td></tr>').join('') + '</table>';
  box.hidden = false;
}
for (const td of document.querySelectorAll('td.drill')) {
  td.addEventListener('click', () => show(td.dataset.cell));
  td.addEventListener('keydown', (e) => { if (e.key === 'Enter') show(td.dataset.cell); });
}`;

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#111}table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}td.cell{min-width:3.2em;text-align:center}td.drill{cursor:pointer}
.panels{display:flex;flex-wrap:wrap;gap:1.5em}.panel h4{margin:.2em 0}#claims td{text-align:left;vertical-align:top}
tr.holds .verdict{background:#cdeccd}tr.fails .verdict{background:#f6c9c9}tr.inconclusive .verdict{background:#eee}
#drilldown{position:sticky;bottom:0;background:#fffbe6;border:1px solid #cc9;padding:.5em}.legend span{display:inline-block;width:1.2em;height:1em;vertical-align:middle}`;

export function reportHtml(input: ReportInput): string {
  const drill = new Map<string, RunRow[]>();
  const sections = input.figures.map((f) => figureSection(f, drill)).join('\n');
  const runs = JSON.stringify(Object.fromEntries(drill)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sparse-recovery-lab: profile ${esc(input.profile)}</title><style>${STYLE}</style></head>
<body>
<h1>Reproduction of “A Recovery Guarantee for Sparse Neural Networks”, profile <code>${esc(input.profile)}</code></h1>
<p class="legend">Cells: mean over seeds. <span style="background:${EXACT_COLOUR}"></span> exact recovery (≥ ${EXACT_DB} dB; the colour scale stops at the figure's upper limit, e.g. 50 dB);
<span style="background:#c8c8c8"></span> no value (skipped or diverged); ‡n: n runs diverged (failures, not in the mean); †: most IMP runs no better than the constant predictor.
IHT − IMP: green where IHT is better, blue where IMP is. Click a cell for its runs.</p>
<h2>Claims</h2>
${claimsTable(input.verdicts)}
<h2>Figures</h2>
${sections}
<h2>Parity with the authors' code</h2>
${parityTable(input.parity)}
<div id="drilldown" hidden></div>
<script type="application/json" id="runs">${runs}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
