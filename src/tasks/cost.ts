// Rough cost model of a cell, for --estimate and for scheduling sweeps longest first (order of
// magnitude, measured rates of this machine class; each method keeps its own formula).
import type { CellConfig } from '../config/cell-config.js';
import { METHOD_REGISTRY, TASK_REGISTRY } from './registry.js';

export const cellSeconds = (c: CellConfig): number => METHOD_REGISTRY[c.method].seconds(c, TASK_REGISTRY[c.task].shape(c));
