// The main job: run a profile's sweeps (resuming), draw the heatmaps, write a Markdown summary and
// compare with the golden files (or rewrite them with --update-golden). Exit 1 on any drift.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { claimDrifts, readClaims, verdictLine, writeClaims } from '../claims/claims-file.js';
import { claimsGoldenPath, claimsOf } from '../claims/profile-claims.js';
import { writeReport } from '../report/write-report.js';
import { parityReferenceRows, parityThroughStore } from './parity-command.js';
import { join } from 'node:path';
import { flagHelp, parseFlags } from '../config/fields.js';
import { REPRODUCE_FIELDS, type ReproduceConfig } from '../config/reproduce.js';
import { FIGURES, figureById, type FigureDef } from '../experiments/figures.js';
import { aggregate, streamsFamily, type AggregatedCell } from '../golden/aggregate.js';
import { codeVersionNote, compareGolden, driftTable, GoldenError, goldenPath, readGoldenFor, writeGolden, type GoldenFile } from '../golden/golden.js';
import { cellMarks, heatmapSpec, NEAR_ZERO_DB, renderSvg, svgToPng } from '../report/heatmap.js';
import { ConfigError } from '../config/fields.js';
import { InputError } from '../config/input-error.js';
import { memoryLimitBytes } from '../config/guard.js';
import { admitCell } from '../tasks/admit.js';
import { removeStaleTemps, writeFileAtomic } from '../run/atomic.js';
import { pidAlive } from '../run/liveness.js';
import { ensureWritableDir } from '../run/output-dir.js';
import { checkTaskData } from '../tasks/preflight.js';
import { defaultWorkers } from '../run/pool.js';
import { localExecutor, type Executor, type ExecutorStatus } from '../run/executor.js';
import { ResultStore } from '../run/store.js';
import { CODE_VERSION, type CellRecord } from '../run/record.js';
import { expand, runSweep, sweepSeconds, type SweepProgress, type SweepSpec } from '../run/sweep.js';
import { duration, RunClock } from '../run/eta.js';
import { jobSeconds, pathJobs } from '../tasks/paths.js';
import { FITTED } from '../cost/coefficients.js';
import { packagePath } from '../config/package-root.js';
import { markdownTable } from '../text/markdown-table.js';
import { PROGRAM, type Command } from './command.js';

const PROFILE_USAGE = `usage: ${PROGRAM} [reproduce] [flags]        (in a clone: npm run reproduce -- [flags])

Runs the paper's figures for a profile (default quick), resuming from its result store, draws the
heatmaps (SVG and PNG), writes a Markdown summary, and compares with the golden files.
Before the first cell it checks every input the run needs: the output folder (writable), the data
files, each cell's predicted memory, and the golden files (a missing or invalid one is reported at
once and again at the end; the other figures still run and the summary is written).
Exit codes: 0 all match; 1 drift from a golden file; 2 bad input (a flag, a data file, a golden file,
the output folder), said in one line naming it; 3 a bug in this program (with its stack). The worst wins.

${flagHelp(REPRODUCE_FIELDS)}

figures: ${FIGURES.map((f) => f.id).join(', ')}`;

function selected(cfg: ReproduceConfig): FigureDef[] {
  return cfg.figure ? cfg.figure.split(',').map((id) => figureById(id.trim())) : [...FIGURES];
}

/** A figure's sweep for this run (with the user's CIFAR file where a figure reads one). */
function sweepOf(fig: FigureDef, cfg: ReproduceConfig): SweepSpec {
  const spec = fig.sweep(cfg.profile);
  if (cfg.cifarFile && spec.base.task === 'inr-image') spec.base = { ...spec.base, cifarFile: cfg.cifarFile };
  return spec;
}

/**
 * Everything a run needs, checked before its first cell: throws an InputError (exit 2) for the output
 * folder, data files and cell admission; returns golden problems, which do not stop the other figures.
 */
function preflight(cfg: ReproduceConfig, figures: readonly FigureDef[], out: string): Map<string, string> {
  if (cfg.cifarFile && !figures.some((f) => f.sweep(cfg.profile).base.task === 'inr-image')) {
    throw new ConfigError(
      '--cifar-file',
      `--cifar-file applies to the figures ${FIGURES.filter((f) => f.sweep(cfg.profile).base.task === 'inr-image')
        .map((f) => f.id)
        .join(', ')}; none is selected`,
    );
  }
  ensureWritableDir(out, '--out');
  if (cfg.updateGolden) {
    ensureWritableDir(cfg.goldenDir, '--golden-dir');
    ensureWritableDir(join(cfg.figuresDir, cfg.profile), '--figures-dir');
  }
  const limit = memoryLimitBytes(cfg);
  const checkedData = new Set<string>();
  for (const fig of figures) {
    const spec = sweepOf(fig, cfg);
    const cells = expand(spec);
    const dataKey = `${spec.base.task}|${spec.base.cifarFile ?? ''}`;
    if (!checkedData.has(dataKey)) {
      checkTaskData(cells[0]!);
      checkedData.add(dataKey);
    }
    for (const cell of cells) admitCell(cell, { memoryLimit: limit, where: `${fig.id} (m=${cell.m}, s=${cell.s})` });
  }
  const problems = new Map<string, string>();
  if (!cfg.updateGolden) {
    for (const fig of figures) {
      try {
        readGoldenFor(goldenPath(cfg.goldenDir, fig.id, cfg.profile), { figure: fig.id, profile: cfg.profile, metric: fig.metric });
      } catch (e) {
        if (!(e instanceof GoldenError)) throw e;
        problems.set(fig.id, e.message);
        process.stderr.write(`warning: ${e.message}; ${fig.id} still runs and is reported at the end\n`);
      }
    }
  }
  return problems;
}

/** The records of a figure that is whole in the store (from an earlier run), or null (also when its data
 *  files cannot be read: this run did not ask for that figure). */
function storedFigure(spec: SweepSpec, store: ResultStore): CellRecord[] | null {
  const records: CellRecord[] = [];
  try {
    for (const c of expand(spec)) {
      const r = store.get(c);
      if (!r) return null;
      records.push(r);
    }
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
  return records;
}

/** Which cells the heatmap marks, per method: near the zero predictor (†) and partial (*). */
function markedCells(cells: readonly AggregatedCell[]): string[] {
  const lines: string[] = [];
  // IMP under the fair protocol is a method of its own here, as in the heatmaps
  const labelOf = (c: AggregatedCell) => (c.protocol === 'fair' ? 'IMP (fair)' : c.method.toUpperCase());
  for (const label of [...new Set(cells.map(labelOf))]) {
    const mine = cells.filter((c) => labelOf(c) === label && c.mean !== null);
    const near = mine.filter((c) => cellMarks(c).includes('†'));
    const partial = cells.filter((c) => labelOf(c) === label && cellMarks(c).includes('*'));
    if (mine.some((c) => c.zeroPsnr !== null))
      lines.push(
        `${label}: ${near.length} of ${mine.length} cells within ${NEAR_ZERO_DB} dB of predicting 0${near.length ? ` (${near.map((c) => `m=${c.m} s=${c.s}${c.extra === null ? '' : ` ${c.extra}`}`).join(', ')})` : ''}.`,
      );
    if (partial.length)
      lines.push(
        `${label}: partial cells (some seeds without a finite value): ${partial.map((c) => `m=${c.m} s=${c.s} (${c.finite}/${c.seeds})`).join(', ')}.`,
      );
  }
  return lines.length ? [...lines, ''] : [];
}

/** Tables 1–2 per run: PSNR and the convergence step, or that the run did not converge within its steps. */
function perRunTable(records: readonly CellRecord[], field: string): string[] {
  const rows = [...records].sort(
    (a, b) =>
      Number((a.config as unknown as Record<string, number>)[field]) - Number((b.config as unknown as Record<string, number>)[field]) ||
      a.config.seed - b.config.seed,
  );
  const body = rows.map((r) => {
    const k = (r.config as unknown as Record<string, number>)[field]!;
    const psnr = r.psnr === null ? (r.skipped ? `skipped: ${r.skipReason}` : '∞') : r.psnr.toFixed(2);
    const conv = r.convergenceStep === null ? `not converged within ${r.steps} steps` : String(r.convergenceStep);
    return [k, r.config.seed, psnr, r.supportRecovered ? 'yes' : 'no', r.valuesRecovered ? 'yes' : 'no', conv];
  });
  const header = [`k (${field})`, 'seed', 'PSNR (dB)', 'support recovered', `values within ${rows[0]?.valueTol.toExponential(0) ?? ''}`, 'convergence step'];
  return [markdownTable(header, body), ''];
}

/** The cost model's share of each cell still to compute (a shared IMP path's cost split over its cells),
 *  keyed by store key: what the run's clock counts down. */
function remainingWork(specs: readonly SweepSpec[], store: ResultStore, recompute: boolean): Map<string, number> {
  const share = new Map<string, number>();
  for (const spec of specs)
    for (const job of pathJobs(expand(spec).filter((c) => recompute || !store.present(c))))
      for (const c of job) share.set(ResultStore.key(c), jobSeconds(job) / job.length);
  return share;
}

/** One progress line: this figure's cells, the whole run's, cells per minute, executors busy, elapsed and
 *  ETA (tasks/cost.ts, calibrated by the cells finished so far). A rewritten line on a terminal; a plain
 *  line at most every 5 s otherwise; nothing with --quiet. */
function progressLine(quiet: boolean, share: Map<string, number>, executors: number, queue: boolean) {
  const clock = new RunClock(
    [...share.values()].reduce((a, b) => a + b, 0),
    executors,
  );
  const tty = process.stderr.isTTY === true;
  const all = share.size;
  let doneAll = 0;
  let status: ExecutorStatus = {};
  let last = 0;
  return (fig: string, p: Parameters<SweepProgress>[0]) => {
    if (p.cfg) {
      const key = ResultStore.key(p.cfg);
      if (share.has(key)) {
        clock.finished(share.get(key)!);
        doneAll++;
      }
    }
    if (p.busy !== undefined || p.waiting !== undefined) status = { ...status, ...p };
    if (quiet) return;
    const now = Date.now();
    if (p.waitingFor) {
      if (now - last < 5000) return;
      last = now;
      const by = p.holders?.length ? ` (held by ${p.holders.slice(0, 3).join(', ')}${p.holders.length > 3 ? ', …' : ''})` : '';
      process.stderr.write(`[${fig}] ${p.done}/${p.total} cells; waiting for ${p.waitingFor} cell(s) that another run on this store is computing${by}\n`);
      return;
    }
    const eta = clock.etaSeconds();
    const text =
      `[${fig}] ${p.done}/${p.total} cells (${p.computed} computed now) · run ${doneAll}/${all} to compute · ${clock.cellsPerMinute().toFixed(1)} cells/min · ` +
      (queue
        ? `queue ${status.waiting ?? 0} waiting, ${status.active ?? 0} active, ${status.failed ?? 0} failed`
        : `${status.busy ?? 0}/${executors} executors busy`) +
      ` · ${duration(clock.elapsedSeconds())}${eta === null ? '' : ` · ETA ${duration(eta)}`}`;
    if (tty) {
      process.stderr.write(`\r\x1b[2K${text}${p.final ? '\n' : ''}`);
      return;
    }
    // a figure's last event always gets its line (it says how many cells this run computed); others at most every 5 s
    if (!p.final && now - last < 5000) return;
    last = now;
    process.stderr.write(`${text}\n`);
  };
}

async function profileCommand(argv: readonly string[]): Promise<number> {
  const { config: parsed, given } = parseFlags(REPRODUCE_FIELDS, argv);
  // the package's own golden and figure folders, wherever the command is started from
  const cfg = { ...parsed, goldenDir: parsed.goldenDir || packagePath('golden'), figuresDir: parsed.figuresDir || packagePath('figures') };
  const figures = selected(cfg);
  if (cfg.estimate) {
    const rows: Array<Array<string | number>> = [];
    let total = 0;
    let cellByCell = 0;
    const hours = (s: number) => (s / 3600).toFixed(2);
    for (const f of figures) {
      const e = sweepSeconds(f.sweep(cfg.profile));
      total += e.seconds;
      cellByCell += e.secondsCellByCell;
      rows.push([f.id, e.cells, e.jobs, hours(e.seconds), hours(e.secondsCellByCell)]);
    }
    rows.push(['total', '', '', `${(total / 3600).toFixed(1)} (÷ cores for wall time)`, (cellByCell / 3600).toFixed(1)]);
    process.stdout.write(markdownTable(['figure', 'cells', 'jobs (IMP paths shared)', 'estimated CPU-hours', 'one run per cell'], rows) + '\n');
    process.stdout.write(`cost model: fitted ${FITTED.fitted} on ${FITTED.cells} timed cells (bench/cost-fit.ts; each within 2× of its measurement)\n`);
    return 0;
  }
  if (cfg.executor === 'bullmq' && !cfg.redis) throw new ConfigError('--redis', '--executor bullmq needs --redis redis://host:port');
  if (cfg.executor === 'local' && cfg.redis) throw new ConfigError('--redis', '--redis applies to --executor bullmq');
  if (cfg.executor === 'bullmq' && given.has('workers'))
    throw new ConfigError('--workers', "--workers applies to --executor local; the queue's cells are computed by worker processes (worker --concurrency N)");
  const out = cfg.out || join('out', cfg.profile);
  const goldenProblems = preflight(cfg, figures, out);
  // what writers killed mid-write left beside the figures, summary and golden files (the store cleans its own)
  for (const dir of [out, join(out, 'figures'), ...(cfg.updateGolden ? [cfg.goldenDir, join(cfg.figuresDir, cfg.profile)] : [])])
    removeStaleTemps(dir, pidAlive);
  const store = new ResultStore(join(out, 'store'), (p) =>
    process.stderr.write(
      `store: ${p.file}: ${p.why}; ${p.movedTo === null ? "replaced by this run's record" : `moved to ${p.movedTo}; the cell is recomputed`}\n`,
    ),
  );
  const workers = cfg.workers > 0 ? cfg.workers : defaultWorkers();
  // the queue's modules load only when asked for
  const executor = cfg.executor === 'bullmq' ? await (await import('../run/queue-executor.js')).queueExecutor(cfg.redis) : localExecutor(workers);
  try {
    return await runFigures(cfg, figures, store, executor, goldenProblems, workers);
  } finally {
    await executor.close();
  }
}

async function runFigures(
  cfg: ReproduceConfig,
  figures: readonly FigureDef[],
  store: ResultStore,
  executor: Executor,
  goldenProblems: Map<string, string>,
  workers: number,
): Promise<number> {
  const out = cfg.out || join('out', cfg.profile);
  const progress = progressLine(
    cfg.quiet,
    remainingWork(
      figures.map((f) => sweepOf(f, cfg)),
      store,
      cfg.updateGolden,
    ),
    cfg.executor === 'bullmq' ? 1 : workers,
    cfg.executor === 'bullmq',
  );
  const summary: string[] = [`# Reproduction, profile \`${cfg.profile}\``, ''];
  let drifted = 0;
  const totals = { runs: 0, reused: 0 };
  const t0 = Date.now();
  const chosen = new Set(figures.map((f) => f.id));
  const byFigure = new Map<string, CellRecord[]>();
  // the figures of this run, then every other figure of the profile that is whole in the store
  for (const fig of FIGURES.filter((f) => chosen.has(f.id) || cfg.figure !== '')) {
    const spec = sweepOf(fig, cfg);
    let res: { records: CellRecord[]; computed: number; reused: number };
    if (chosen.has(fig.id)) {
      // new golden files come only from records this run computed, never from what a store (perhaps edited) held
      res = await runSweep(spec, store, { workers, executor, progress: (p) => progress(fig.id, p), recompute: cfg.updateGolden });
    } else {
      const stored = storedFigure(spec, store);
      if (!stored) continue;
      res = { records: stored, computed: 0, reused: stored.length };
    }
    byFigure.set(fig.id, res.records);
    const cells: AggregatedCell[] = aggregate(res.records, fig.metric, spec.extra?.field);
    totals.runs += res.records.length;
    totals.reused += res.reused;
    const figDir = join(out, 'figures');
    mkdirSync(figDir, { recursive: true });
    for (const field of ['mean', 'std'] as const) {
      const svg = await renderSvg(heatmapSpec(cells, fig, field));
      const base = join(figDir, `${fig.id}${field === 'std' ? '.std' : ''}`);
      writeFileAtomic(`${base}.svg`, svg);
      writeFileAtomic(`${base}.png`, svgToPng(svg));
    }
    const file = goldenPath(cfg.goldenDir, fig.id, cfg.profile);
    let verdict: string;
    if (!chosen.has(fig.id)) {
      verdict = `${fig.id}: from the store (an earlier run on this --out); not compared with its golden file in this run`;
    } else if (cfg.updateGolden) {
      writeGolden(file, { figure: fig.id, profile: cfg.profile, streams: streamsFamily(res.records), metric: fig.metric, cells });
      const tracked = join(cfg.figuresDir, cfg.profile);
      mkdirSync(tracked, { recursive: true });
      for (const ext of ['.png', '.std.png']) copyFileSync(join(figDir, `${fig.id}${ext}`), join(tracked, `${fig.id}${ext}`));
      verdict = `${fig.id}: golden file written (${file})`;
    } else if (goldenProblems.has(fig.id)) {
      verdict = `${fig.id}: not checked: ${goldenProblems.get(fig.id)} (no golden: run --update-golden)`;
    } else {
      let want: GoldenFile;
      try {
        want = readGoldenFor(file, { figure: fig.id, profile: cfg.profile, metric: fig.metric });
      } catch (e) {
        if (!(e instanceof GoldenError)) throw e;
        goldenProblems.set(fig.id, e.message); // changed while the run went on
        want = null as never;
      }
      if (goldenProblems.has(fig.id)) verdict = `${fig.id}: not checked: ${goldenProblems.get(fig.id)}`;
      else {
        const drifts = compareGolden(cells, want, { metric: fig.metric, streams: streamsFamily(res.records) });
        if (drifts.length) drifted++;
        const note = codeVersionNote(want);
        verdict = driftTable(fig.id, drifts) + (note && drifts.length === 0 ? ` (${note})` : '');
      }
    }
    process.stdout.write(verdict + '\n');
    const sources = [...new Set(cells.map((c) => c.dataSource).filter(Boolean))];
    summary.push(
      `## ${fig.title}`,
      '',
      `![${fig.id}](figures/${fig.id}.png)`,
      '',
      `Standard deviation over seeds: ![${fig.id} std](figures/${fig.id}.std.png)`,
      '',
    );
    if (sources.length) summary.push(`Data: ${sources.join('; ')}`, '');
    summary.push(...markedCells(cells));
    if (spec.extra) summary.push(...perRunTable(res.records, spec.extra.field));
    summary.push(`${res.records.length} runs (${res.computed} computed now, ${res.reused} reused). ${verdict.split('\n')[0]}`, '');
  }
  // ours beside the reference's printed values in the report: computed once per store (the smoke profile, which
  // tests run many times, shows the reference's alone)
  const parity = cfg.profile === 'smoke' ? parityReferenceRows() : await parityThroughStore(store);
  const claimsDrift = writeClaimsAndReport(cfg, out, byFigure, summary, parity);
  if (store.problems.length) {
    summary.push(
      '## Store records that failed verification (moved to store/quarantine/ and recomputed)',
      '',
      ...store.problems.map((p) => `- \`${p.file}\`: ${p.why}`),
      '',
    );
  }
  if (goldenProblems.size) {
    summary.push('## Figures not checked against a golden file', '', ...[...goldenProblems.entries()].map(([id, why]) => `- ${id}: ${why}`), '');
  }
  summary.push(
    `Code version ${CODE_VERSION} (a hash of the result-determining sources): ${totals.reused} of ${totals.runs} records reused from the store, ${totals.runs - totals.reused} computed now.`,
    '',
  );
  summary.push(`Total wall time of this run: ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  writeFileAtomic(join(out, 'summary.md'), summary.join('\n') + '\n');
  if (cfg.updateGolden) writeFileAtomic(join(cfg.figuresDir, cfg.profile, 'summary.md'), summary.join('\n').replaceAll('](figures/', '](') + '\n');
  process.stdout.write(`summary: ${join(out, 'summary.md')}\n`);
  for (const [id, why] of goldenProblems) process.stderr.write(`error: ${id}: ${why} (no golden: run --update-golden)\n`);
  // the worst outcome wins: an unusable golden file (2) over a drift (1)
  return goldenProblems.size > 0 ? 2 : drifted > 0 || claimsDrift ? 1 : 0;
}

/** The claims judged on this run's figures (claims.json, compared with or written as the golden verdicts when
 *  the whole profile ran) and report.html. Returns whether a verdict drifted. */
function writeClaimsAndReport(
  cfg: ReproduceConfig,
  out: string,
  byFigure: Map<string, CellRecord[]>,
  summary: string[],
  parity: Parameters<typeof writeReport>[4],
): boolean {
  const claims = claimsOf(cfg.profile, byFigure);
  writeClaims(join(out, 'claims.json'), claims);
  const golden = claimsGoldenPath(cfg.goldenDir, cfg.profile);
  let drifts: string[] = [];
  const whole = claims.figures.length === FIGURES.length;
  if (cfg.updateGolden && whole) writeClaims(golden, claims);
  else if (whole && existsSync(golden)) drifts = claimDrifts(claims.verdicts, readClaims(golden).verdicts);
  writeReport(out, cfg.profile, byFigure, claims.verdicts, parity);
  const line = drifts.length
    ? `claims: ${drifts.length} verdict(s) changed from ${golden}:\n${drifts.join('\n')}`
    : `claims: ${claims.verdicts.length} verdicts (${join(out, 'claims.json')})`;
  process.stdout.write(`${line}\nreport: ${join(out, 'report.html')}\n`);
  summary.push(
    '## Claims',
    '',
    'See report.html for the table; `claims.json` holds every verdict.',
    '',
    ...claims.verdicts.map((v) => `- ${verdictLine(v)}`),
    '',
  );
  return drifts.length > 0;
}

export const command: Command = { usage: PROFILE_USAGE, run: profileCommand };
