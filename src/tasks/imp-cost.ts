// IMP's work in the cost model's terms, from the path it will take: the prune schedule is a function of
// the weight count alone (../imp/prune.ts), so every round's surviving count, and with it the kernel that
// trains the round (../imp/trainer.ts), is known before the run.
import type { CellConfig } from '../config/cell-config.js';
import type { CostTerms } from '../cost/terms.js';
import { mlpShapes } from '../imp/mlp.js';
import { pruneCount, PruneSchedule } from '../imp/prune.js';
import { chooseKernel } from '../imp/trainer.js';
import type { TaskShape } from './task.js';

/** Surviving weights at the start of each training run of an iterative path from N down to ≤ s. */
export function impTrainingCounts(N: number, s: number, fraction: number): number[] {
  if (N <= s) return [N];
  const schedule = new PruneSchedule(fraction, N);
  const counts: number[] = [];
  let nnz = N;
  while (nnz > s) {
    counts.push(nnz);
    const before = nnz;
    nnz -= Math.min(nnz, pruneCount(schedule.amount, nnz));
    schedule.observe(before, nnz);
  }
  // the fair protocol trains the mask that reached s once more before scoring it
  counts.push(nnz);
  return counts;
}

export function impCostTerms(c: CellConfig, { n, d, k }: TaskShape): CostTerms {
  const shapes = mlpShapes(d, c.m, c.layers, k);
  const N = shapes.reduce((a, [i, o]) => a + i * o, 0);
  const units = d + c.m * c.layers + k;
  const rows = c.batch > 0 ? Math.min(c.batch, n) : n;
  const stepsPerRun = c.epochs * Math.ceil(n / rows);
  const path = impTrainingCounts(N, c.s, c.pruneFraction);
  const runs = c.impMode === 'one-shot' ? [N] : c.impProtocol === 'fair' ? path : path.slice(0, -1);
  const evaluations = c.impMode === 'one-shot' ? 1 : path.length - 1 + (c.impProtocol === 'fair' ? 1 : 0);
  const terms = { 'imp.dense': 0, 'imp.sparse': 0, 'imp.sparse-units': 0, 'imp.steps': 0, 'imp.eval': evaluations * n * N, 'imp.cell': 1 };
  runs.forEach((nnz) => {
    // one-shot trains the dense network once, on the dense kernel
    const kernel = c.impMode === 'one-shot' ? 'dense' : chooseKernel(c.impKernel, nnz / N, true);
    if (kernel === 'dense') terms['imp.dense'] += c.epochs * n * N;
    else {
      terms['imp.sparse'] += c.epochs * n * nnz;
      terms['imp.sparse-units'] += c.epochs * n * units;
    }
    terms['imp.steps'] += stepsPerRun;
  });
  return terms;
}
