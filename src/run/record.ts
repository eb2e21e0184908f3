import type { CellConfig } from '../config/cell-config.js';
import { canonicalJson, configHash } from '../config/hash.js';
import { keyedFields } from '../tasks/applicability.js';
import type { TaskOutcome } from '../tasks/outcome.js';

import { codeVersion } from './version.js';

/** Salts every record's key: derived from the sources that determine a record (./version.ts), so no edit can
 *  leave stale records in a warm store. */
export const CODE_VERSION = codeVersion();

/** One cell's result. Field names are a public interface (scripts read them). */
export interface CellRecord extends TaskOutcome {
  /** the config as the cell read it: fields it does not read at their defaults (tasks/applicability.ts) */
  config: CellConfig;
  /** the store key: hash of the fields that matter to the cell, salted with the code version and the data digest */
  configHash: string;
  codeVersion: string;
  /** content hash of the data files the cell read (MNIST IDX, CIFAR file, stand-in image); null: generated data */
  dataDigest: string | null;
  /** hash of the record's other fields: an edited record no longer matches it */
  recordDigest: string;
  /** planted and gaussian: true when s exceeded what the planted matrices hold and fewer nonzeros were planted */
  sCapped: boolean | null;
  valueTol: number;
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
export const PROVENANCE_FIELDS = ['config', 'configHash', 'recordDigest', 'kernelEngine'] as const;

/** How keys are made. 2: only the fields that matter to the cell (tasks/applicability.ts keyedFields); 1
 *  (until issue 13): the whole config. */
const KEY_SCHEME = 'key-scheme-2';

/** Where a record of this config and data is stored: changes with the fields that matter to the cell, the
 *  code and the data. */
export const storeKey = (cfg: CellConfig, dataDigest: string | null): string => configHash(keyedFields(cfg), KEY_SCHEME + CODE_VERSION + (dataDigest ?? ''));

/** What a golden file lists per run: the fields that matter and the data, not the code version (so a code
 *  edit alone does not change it, while a changed grid, flag or data file does). */
export const cellIdentity = (r: Pick<CellRecord, 'config' | 'dataDigest'>): string => configHash(keyedFields(r.config), KEY_SCHEME + (r.dataDigest ?? ''));

/** Digest of what the record says (every field but the timing fields and recordDigest itself): equal
 *  results have equal digests, and an edited result no longer matches its digest. */
export function recordDigestOf(r: Omit<CellRecord, 'recordDigest'> & { recordDigest?: string }): string {
  const rest: Record<string, unknown> = { ...r };
  for (const f of [...TIMING_FIELDS, 'recordDigest']) delete rest[f];
  return configHash(JSON.parse(canonicalJson(rest)) as unknown, 'record');
}
