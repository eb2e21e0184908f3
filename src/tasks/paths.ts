// Jobs: the cells one run computes together. IMP cells that differ only in s, on data that do not depend
// on s (every task but planted and gaussian), share one pruning path (the reference runs IMP once per
// (m, seed) and reads every target s off it, SPEC §4); every other cell is a job of its own.
import type { CellConfig } from '../config/cell-config.js';
import { canonicalJson } from '../config/hash.js';
import { effectiveConfig } from './applicability.js';
import { cellSeconds } from './cost.js';
import { METHOD_REGISTRY, TASK_REGISTRY } from './registry.js';

const sharesPath = (c: CellConfig): boolean => METHOD_REGISTRY[c.method].runPath !== undefined && !TASK_REGISTRY[c.task].dataDependOnS;

/** The cells as jobs, in the order of each job's first cell. */
export function pathJobs(cells: readonly CellConfig[]): CellConfig[][] {
  const jobs: CellConfig[][] = [];
  const paths = new Map<string, CellConfig[]>();
  for (const c of cells) {
    if (!sharesPath(c)) {
      jobs.push([c]);
      continue;
    }
    const key = canonicalJson({ ...effectiveConfig(c), s: 0 });
    const path = paths.get(key);
    if (path) path.push(c);
    else {
      const fresh = [c];
      paths.set(key, fresh);
      jobs.push(fresh);
    }
  }
  return jobs;
}

/** A job's cost: a shared path costs what its smallest s (its longest run) costs alone. */
export const jobSeconds = (job: readonly CellConfig[]): number => Math.max(...job.map(cellSeconds));
