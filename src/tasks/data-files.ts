// The data files each task reads, and one content hash over them (a cell's store key includes it).
import type { CellConfig } from '../config/cell-config.js';
import { digestOfFiles } from '../data/digest.js';
import { TASK_REGISTRY } from './registry.js';

/** One hash over the contents of every file the cell reads (16 hex digits), or null when it reads none. */
export const dataDigest = (cfg: CellConfig): string | null => digestOfFiles(TASK_REGISTRY[cfg.task].dataFiles?.(cfg) ?? []);
