// Sweeps: a grid of cells (method × m × s × seed, over a base config), each a pure function of its
// config, stored under its hash. Finished cells are skipped, so a killed sweep resumes where it stopped.
import { CELL_FIELDS, type CellConfig } from '../config/cell.js';
import { defaults, validateConfig } from '../config/fields.js';
import { cellSeconds } from './cost.js';
import { runPool } from './pool.js';
import type { CellRecord } from './record.js';
import { ResultStore } from './store.js';

export interface SweepSpec {
  /** what the figure file and its cells are called */
  name: string;
  base: Partial<CellConfig>;
  methods: ReadonlyArray<CellConfig['method']>;
  m: readonly number[];
  s: readonly number[];
  seeds: readonly number[];
  /** extra axis, e.g. the SCP period of Tables 1–2: each value overrides `field` */
  extra?: { field: keyof CellConfig; values: readonly (number | string | boolean)[] };
}

export function expand(spec: SweepSpec): CellConfig[] {
  const out: CellConfig[] = [];
  const extras = spec.extra ? spec.extra.values : [undefined];
  for (const method of spec.methods) for (const m of spec.m) for (const s of spec.s) for (const e of extras) for (const seed of spec.seeds) {
    const over: Record<string, unknown> = { ...spec.base, method, m, s, seed };
    if (spec.extra && e !== undefined) over[spec.extra.field] = e;
    out.push(validateConfig(CELL_FIELDS, { ...defaults(CELL_FIELDS), ...over }, `sweep ${spec.name}`));
  }
  return out;
}

export interface SweepProgress {
  (info: { done: number; total: number; computed: number; cfg?: CellConfig }): void;
}

export interface SweepResult {
  records: CellRecord[];
  /** cells computed in this run (the rest came from the store) */
  computed: number;
  reused: number;
}

/** Run (or resume) a sweep on `workers` executors (this thread counts as one). */
export async function runSweep(spec: SweepSpec, store: ResultStore, o: { workers: number; progress?: SweepProgress }): Promise<SweepResult> {
  const cells = expand(spec);
  const todo = cells.filter((c) => !store.has(c));
  let done = cells.length - todo.length;
  let computed = 0;
  o.progress?.({ done, total: cells.length, computed });
  const finish = (cfg: CellConfig, rec: CellRecord) => {
    store.put(rec);
    done++;
    computed++;
    o.progress?.({ done, total: cells.length, computed, cfg });
  };
  // longest first: a long cell started last would leave the other core idle at the end (one
  // executor runs them all in this thread)
  const order = todo.map((c) => ({ c, cost: cellSeconds(c) })).sort((a, b) => b.cost - a.cost).map((e) => e.c);
  await runPool(order, Math.max(1, o.workers), finish);
  return { records: cells.map((c) => store.get(c)!), computed, reused: cells.length - todo.length };
}
