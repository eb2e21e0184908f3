// Golden files: written only by the reproduction, validated against schemas/golden.schema.json on
// write and on read, compared with per-field tolerances; a drift prints a table (cell, got, want, diff).
import { existsSync, readFileSync } from 'node:fs';
import { schemaChecker } from '../config/schema-check.js';
import { InputError } from '../config/input-error.js';
import { writeFileAtomic } from '../run/atomic.js';
import { markdownTable } from '../text/markdown-table.js';
import { CODE_VERSION } from '../run/record.js';
import type { GOLDEN_STREAMS, MetricName, ReproductionProfile } from '../config/names.js';
import type { AggregatedCell } from './aggregate.js';
import { GOLDEN_SCHEMA, GOLDEN_SCHEMA_ID } from './golden-schema.js';

export interface GoldenFile {
  schema: typeof GOLDEN_SCHEMA_ID;
  figure: string;
  profile: ReproductionProfile;
  codeVersion: string;
  /** random-number family of the runs */
  streams: (typeof GOLDEN_STREAMS)[number];
  metric: MetricName;
  cells: AggregatedCell[];
}

export class GoldenError extends InputError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(file, `${file}: ${message}`);
    this.name = 'GoldenError';
  }
}

const goldenSchemaProblem = schemaChecker(GOLDEN_SCHEMA, 5);

function validate(obj: unknown, file: string): GoldenFile {
  const errs = goldenSchemaProblem(obj);
  if (errs) throw new GoldenError(file, `does not match schemas/golden.schema.json: ${errs}`);
  const g = obj as GoldenFile;
  const seen = new Set<string>();
  for (const c of g.cells) {
    if (seen.has(c.key)) throw new GoldenError(file, `cell key '${c.key}' appears twice (a golden file lists each cell once)`);
    seen.add(c.key);
  }
  return g;
}

export function goldenPath(dir: string, figure: string, profile: string): string {
  return `${dir}/${figure}.${profile}.json`;
}

export function writeGolden(file: string, g: Omit<GoldenFile, 'schema' | 'codeVersion'>): GoldenFile {
  const full: GoldenFile = { schema: GOLDEN_SCHEMA_ID, codeVersion: CODE_VERSION, ...g, cells: [...g.cells].sort((a, b) => (a.key < b.key ? -1 : 1)) };
  validate(JSON.parse(JSON.stringify(full)), file);
  writeFileAtomic(file, JSON.stringify(full, null, 1) + '\n');
  return full;
}

/** What a golden file must say in its header to be this figure's: anything else is the wrong file. */
export interface GoldenHeader {
  figure: string;
  profile: GoldenFile['profile'];
  metric: MetricName;
}

/** Reads a golden file and checks that it is the one for `expected` (figure, profile and metric). */
export function readGoldenFor(file: string, expected: GoldenHeader): GoldenFile {
  const g = readGolden(file);
  for (const k of ['figure', 'profile', 'metric'] as const) {
    if (g[k] !== expected[k]) throw new GoldenError(file, `its header says ${k} '${g[k]}', this run needs '${expected[k]}' (the wrong golden file?)`);
  }
  return g;
}

export function readGolden(file: string): GoldenFile {
  if (!existsSync(file)) throw new GoldenError(file, 'no golden file (run with --update-golden to create it)');
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new GoldenError(file, `not valid JSON (${(e as Error).message})`);
  }
  return validate(obj, file);
}

/**
 * Tolerances. IHT is float64 and deterministic: the same code gives the same bits, so only a libm-level
 * slack (1e-6 relative). IMP is float32 on a backend chosen at run time (wasm and cpu differ by ~1e-5 per
 * step, and pruning can then pick other weights): 1 dB of PSNR, 0.02 of accuracy, 1 convergence step.
 * Counts (nnz, seeds) and skip reasons must match exactly.
 */
function tolerance(method: string, metric: MetricName, field: 'mean' | 'std' | 'nnz' | 'convergenceStep' | 'zeroPsnr' | 'constantPsnr', want: number): number {
  if (field === 'nnz' && method !== 'imp') return 0;
  // the baselines depend on the data alone, which every backend draws alike
  if (field === 'zeroPsnr' || field === 'constantPsnr') return 1e-6 * Math.max(1, Math.abs(want));
  if (method === 'imp') {
    if (field === 'nnz') return 0;
    return metric === 'accuracy' ? 0.02 : metric === 'psnr' ? 1 : 1;
  }
  return 1e-6 * Math.max(1, Math.abs(want));
}

export interface Drift {
  cell: string;
  field: string;
  got: string;
  want: string;
  diff: string;
}

const show = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(8)) : JSON.stringify(v));

/**
 * Cells compared field by field (tolerances by method and by `metric`, the figure's own: never the file's)
 * and their runs' identities (configHashes: config and data, exactly); the header's random-number family
 * exactly. The header's codeVersion is informative (see codeVersionNote).
 */
export function compareGolden(
  got: AggregatedCell[],
  want: GoldenFile,
  run: { metric: MetricName; streams: GoldenFile['streams'] } = { metric: want.metric, streams: want.streams },
): Drift[] {
  const drifts: Drift[] = [];
  if (run.streams !== want.streams)
    drifts.push({ cell: '(header)', field: 'streams', got: run.streams, want: want.streams, diff: 'random-number family differs' });
  const byKey = new Map(want.cells.map((c) => [c.key, c]));
  for (const g of got) {
    const w = byKey.get(g.key);
    if (!w) {
      drifts.push({ cell: g.key, field: '(cell)', got: 'present', want: 'absent', diff: 'new cell' });
      continue;
    }
    byKey.delete(g.key);
    for (const field of ['mean', 'std', 'nnz', 'convergenceStep', 'zeroPsnr', 'constantPsnr'] as const) {
      const a = g[field];
      const b = w[field];
      if (a === null || b === null) {
        if (a !== b) drifts.push({ cell: g.key, field, got: show(a), want: show(b), diff: 'null vs value' });
        continue;
      }
      const tol = tolerance(g.method, run.metric, field, b);
      if (Math.abs(a - b) > tol) drifts.push({ cell: g.key, field, got: show(a), want: show(b), diff: `${show(a - b)} (tolerance ${show(tol)})` });
    }
    if (g.seeds !== w.seeds) drifts.push({ cell: g.key, field: 'seeds', got: show(g.seeds), want: show(w.seeds), diff: 'count' });
    if (g.finite !== w.finite) drifts.push({ cell: g.key, field: 'finite', got: show(g.finite), want: show(w.finite), diff: 'count' });
    if (g.diverged !== w.diverged) drifts.push({ cell: g.key, field: 'diverged', got: show(g.diverged), want: show(w.diverged), diff: 'count' });
    if (g.converged !== w.converged) drifts.push({ cell: g.key, field: 'converged', got: show(g.converged), want: show(w.converged), diff: 'count' });
    if (JSON.stringify(g.configHashes) !== JSON.stringify(w.configHashes))
      drifts.push({
        cell: g.key,
        field: 'configHashes',
        got: g.configHashes.join(' '),
        want: w.configHashes.join(' '),
        diff: 'other runs (config or data differ)',
      });
    if (JSON.stringify(g.skipReasons) !== JSON.stringify(w.skipReasons))
      drifts.push({ cell: g.key, field: 'skipReasons', got: show(g.skipReasons), want: show(w.skipReasons), diff: 'differs' });
  }
  for (const k of byKey.keys()) drifts.push({ cell: k, field: '(cell)', got: 'absent', want: 'present', diff: 'missing cell' });
  return drifts;
}

export function driftTable(figure: string, drifts: Drift[]): string {
  if (drifts.length === 0) return `${figure}: matches its golden file`;
  return (
    `${figure}: ${drifts.length} drift(s)\n` +
    markdownTable(
      ['cell', 'field', 'got', 'want', 'diff'],
      drifts.map((d) => [d.cell, d.field, d.got, d.want, d.diff]),
    )
  );
}

/** Said beside the verdict when the golden file was written by other code (not a drift by itself). */
export function codeVersionNote(want: GoldenFile): string | null {
  return want.codeVersion === CODE_VERSION ? null : `golden file written by code ${want.codeVersion}, this run is ${CODE_VERSION}`;
}
