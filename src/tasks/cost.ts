// A cell's predicted CPU-seconds, for --estimate and for scheduling sweeps longest first: the work its
// method counts (cost terms) priced by the fitted cost model (src/cost).
import type { CellConfig } from '../config/cell-config.js';
import { secondsOf } from '../cost/model.js';
import type { CostTerms } from '../cost/terms.js';
import { METHOD_REGISTRY, TASK_REGISTRY } from './registry.js';

export const cellCostTerms = (c: CellConfig): CostTerms => METHOD_REGISTRY[c.method].costTerms(c, TASK_REGISTRY[c.task].shape(c));

export const cellSeconds = (c: CellConfig): number => secondsOf(cellCostTerms(c));
