// Reads and checks, once and before any cell runs, the data files a cell of this config will read: a
// missing, malformed or degenerate file is an input error naming it now, not a failure in a worker
// thread after an hour of other cells.
import type { CellConfig } from '../config/cell-config.js';
import { dataDigest } from './data-files.js';
import { TASK_REGISTRY } from './registry.js';

export function checkTaskData(cfg: CellConfig): void {
  TASK_REGISTRY[cfg.task].checkData?.(cfg);
  dataDigest(cfg); // hashed once here, reused by every cell of this process
}
