// Where a sweep's jobs are computed. A sweep hands its jobs (one cell, or IMP cells sharing a path) to an
// executor and receives each cell's record; the store, the goldens and the figures do not depend on which.
import type { CellConfig } from '../config/cell-config.js';
import { runPool } from './pool.js';
import type { CellRecord } from './record.js';

/** What an executor says about itself while it runs (progress lines). */
export interface ExecutorStatus {
  /** executors computing now (local) */
  busy?: number;
  /** queue counts (bullmq) */
  waiting?: number;
  active?: number;
  failed?: number;
}

export interface Executor {
  /** a name for progress lines */
  readonly label: string;
  /** Computes every job; `onDone` for each cell as its job finishes. Rejects on the first failure. */
  run(jobs: readonly (readonly CellConfig[])[], onDone: (cfg: CellConfig, rec: CellRecord) => void, onStatus?: (s: ExecutorStatus) => void): Promise<void>;
  close(): Promise<void>;
}

/** This machine: this thread plus workers − 1 worker threads (run/pool.ts). */
export function localExecutor(workers: number): Executor {
  return {
    label: `${workers} local executor(s)`,
    run: (jobs, onDone, onStatus) => runPool(jobs, Math.max(1, workers), onDone, (busy) => onStatus?.({ busy })),
    close: async () => {},
  };
}
