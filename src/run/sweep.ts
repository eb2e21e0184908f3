// Sweeps: a grid of cells (method × m × s × seed, over a base config), each a pure function of its
// config, stored under its hash. Finished cells are skipped, so a killed sweep resumes where it stopped.
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { defaults, validateConfig } from '../config/fields.js';
import { cellSeconds } from '../tasks/cost.js';
import { TASK_REGISTRY } from '../tasks/registry.js';
import { jobSeconds, pathJobs } from '../tasks/paths.js';
import { localExecutor, type Executor, type ExecutorStatus } from './executor.js';
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
  /** IMP cells run again under the fair protocol with this training budget */
  fairImp?: FairBudget;
}

/**
 * The fair IMP protocol's training budget, relative to the sweep's own: `parts` splits the training rows into
 * that many mini-batches (absent: the sweep's batch), `epochs` multiplies its epochs per round (absent: 1),
 * `learningRate` replaces Adam's.
 */
export interface FairBudget {
  parts?: number;
  epochs?: number;
  learningRate: number;
}

/** A cell's config under the fair protocol. */
function fairCell(cfg: CellConfig, fair: FairBudget): Record<string, unknown> {
  const rows = TASK_REGISTRY[cfg.task].shape(cfg).n;
  return {
    ...cfg,
    impProtocol: 'fair',
    learningRate: fair.learningRate,
    epochs: cfg.epochs * (fair.epochs ?? 1),
    ...(fair.parts ? { batch: Math.ceil(rows / fair.parts) } : {}),
  };
}

export function expand(spec: SweepSpec): CellConfig[] {
  const out: CellConfig[] = [];
  const extras = spec.extra ? spec.extra.values : [undefined];
  for (const method of spec.methods)
    for (const m of spec.m)
      for (const s of spec.s)
        for (const e of extras)
          for (const seed of spec.seeds) {
            const over: Record<string, unknown> = { ...spec.base, method, m, s, seed };
            if (spec.extra && e !== undefined) over[spec.extra.field] = e;
            const cfg = validateConfig(CELL_FIELDS, { ...defaults(CELL_FIELDS), ...over }, `sweep ${spec.name}`);
            out.push(cfg);
            if (method === 'imp' && spec.fairImp) out.push(validateConfig(CELL_FIELDS, fairCell(cfg, spec.fairImp), `sweep ${spec.name} (fair IMP)`));
          }
  return out;
}

/** Cost of a whole sweep by the cost model, for --estimate: per job (IMP cells sharing a path cost one
 *  run), and what it would be with one run per cell. */
export function sweepSeconds(spec: SweepSpec): { cells: number; jobs: number; seconds: number; secondsCellByCell: number } {
  const cells = expand(spec);
  const jobs = pathJobs(cells);
  return {
    cells: cells.length,
    jobs: jobs.length,
    seconds: jobs.reduce((a, j) => a + jobSeconds(j), 0),
    secondsCellByCell: cells.reduce((a, c) => a + cellSeconds(c), 0),
  };
}

export interface SweepProgress {
  /** `cfg`: the cell just computed; `waitingFor`: cells another run holds, `holders` who holds them; `final`: the
   *  sweep's last event (every sweep ends with one, whoever computed its last cell) */
  (info: { done: number; total: number; computed: number; cfg?: CellConfig; waitingFor?: number; holders?: string[]; final?: boolean } & ExecutorStatus): void;
}

export interface SweepResult {
  records: CellRecord[];
  /** cells computed in this run (the rest came from the store, or from another run on the same store) */
  computed: number;
  reused: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Jobs, longest first: a long job started last would leave the other core idle at the end. */
const longestFirst = (cells: readonly CellConfig[]) =>
  pathJobs(cells)
    .map((j) => ({ j, cost: jobSeconds(j) }))
    .sort((a, b) => b.cost - a.cost)
    .map((e) => e.j);

/**
 * Run (or resume) a sweep on an executor (default: `workers` local executors, this thread counting as one). Cells already in the store
 * (verified) are reused; the rest are claimed and computed. Cells that another live run has claimed are
 * waited for (and taken over if that run dies), so two runs on one store never compute a cell twice.
 */
export async function runSweep(
  spec: SweepSpec,
  store: ResultStore,
  o: { workers: number; executor?: Executor; progress?: SweepProgress; pollMs?: number; recompute?: boolean },
): Promise<SweepResult> {
  const executor = o.executor ?? localExecutor(o.workers);
  const cells = expand(spec);
  const records = new Map<number, CellRecord>();
  let todo: number[] = [];
  // recompute: every cell is computed by this run (new golden files come from records this run computed); what
  // the store held is still read and verified, and a record that differs from its recomputation is reported
  const stored = new Map<number, CellRecord>();
  cells.forEach((c, i) => {
    const r = store.get(c);
    if (r && o.recompute) stored.set(i, r);
    if (r && !o.recompute) records.set(i, r);
    else todo.push(i);
  });
  let computed = 0;
  o.progress?.({ done: records.size, total: cells.length, computed });
  const finish = (i: number) => (cfg: CellConfig, rec: CellRecord) => {
    const before = stored.get(i);
    if (before && before.recordDigest !== rec.recordDigest) store.replaced(cfg, 'it differs from its recomputation by this run (edited, digest and all?)');
    store.put(rec);
    records.set(i, rec);
    computed++;
    o.progress?.({ done: records.size, total: cells.length, computed, cfg });
  };
  try {
    while (todo.length) {
      const mine = todo.filter((i) => {
        if (!store.claim(cells[i]!)) return false;
        // another run may have finished it between our look and our claim
        const r = o.recompute ? null : store.get(cells[i]!);
        if (!r) return true;
        records.set(i, r);
        store.release(cells[i]!);
        return false;
      });
      const index = new Map(mine.map((i) => [cells[i]!, i]));
      await executor.run(
        longestFirst(mine.map((i) => cells[i]!)),
        (cfg, rec) => finish(index.get(cfg)!)(cfg, rec),
        (status) => o.progress?.({ done: records.size, total: cells.length, computed, ...status }),
      );
      // the rest: claimed by another run; take what it has finished, wait for the others
      todo = todo.filter((i) => !records.has(i));
      for (const i of todo) {
        const r = store.get(cells[i]!);
        if (r) records.set(i, r);
      }
      todo = todo.filter((i) => !records.has(i));
      if (todo.length) {
        const holders = [...new Set(todo.map((i) => store.claimOwner(cells[i]!)).filter((h): h is string => h !== null))];
        o.progress?.({ done: records.size, total: cells.length, computed, waitingFor: todo.length, holders });
        await sleep(o.pollMs ?? 1000);
      }
    }
  } finally {
    store.releaseAll();
  }
  o.progress?.({ done: cells.length, total: cells.length, computed, final: true });
  return { records: cells.map((_, i) => records.get(i)!), computed, reused: cells.length - computed };
}
