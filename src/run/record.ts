import type { CellConfig } from '../config/cell.js';
import type { TaskOutcome } from '../tasks/outcome.js';

import { sourceVersion } from './version.js';

/** Salts every record's key: derived from the sources that determine a record (./version.ts), so no edit can
 *  leave stale records in a warm store. */
export const CODE_VERSION = sourceVersion();

/** One cell's result. Field names are a public interface (scripts read them). */
export interface CellRecord extends TaskOutcome {
  config: CellConfig;
  configHash: string;
  codeVersion: string;
  valueTol: number;
  /** arithmetic engine(s) of the streaming kernel during this cell ('wasm-simd', 'typescript', joined
   *  by '+' if both; null: no streaming kernel, e.g. the dense oracle or IMP). Engines agree bit for
   *  bit, so this never changes a result; it says what computed it. */
  kernelEngine: string | null;
  /** wall-clock seconds (timing fields differ between identical runs) */
  seconds: number;
  /** process CPU time during the cell (Node 20 has no per-thread clock): in a sweep on several
   *  executors it includes the other threads' work; benchmarks run cells one per process */
  cpuSeconds: number;
  /** process peak resident set size so far, bytes */
  peakRssBytes: number;
}

export const TIMING_FIELDS = ['seconds', 'cpuSeconds', 'peakRssBytes'] as const;
/** Fields that say how a record was computed, not what: equal results may differ here. */
export const PROVENANCE_FIELDS = ['config', 'configHash', 'kernelEngine'] as const;
