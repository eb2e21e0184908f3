// Property suite for IMP's kernels: the masked-sparse trainer computes the same model as the dense one,
// so a whole IMP run on either gives the same mask after every round, exactly, and the same scores within
// a float32 tolerance (the products sum in another order, nothing else differs).
import type { ImpKernel } from '../src/imp/trainer.js';
import { runImp, type ImpEvent } from '../src/imp/imp.js';
import { mlpShapes } from '../src/imp/mlp.js';
import type { Matrix } from '../src/linalg/matrix.js';
import { stream } from '../src/random/streams.js';
import type { ImpNetCase } from './arbitraries/imp-net-case.js';
import { PropertyViolation } from './violation.js';

/** Largest difference allowed between the two kernels' scores, relative to max(1, |score|). Adam's
 *  normalised steps carry a rounding difference of one float32 ulp through every later step. */
const SCORE_TOLERANCE = 1e-3;

function dataOf(c: ImpNetCase): { x: Matrix; y: Float64Array } {
  const rng = stream(c.seed, 'imp-kernels-data');
  const x = { rows: c.n, cols: c.d, data: Float64Array.from({ length: c.n * c.d }, () => rng.normal()) };
  const y = new Float64Array(c.n * c.k);
  for (let r = 0; r < c.n; r++) {
    if (c.loss === 'mse') for (let o = 0; o < c.k; o++) y[r * c.k + o] = rng.normal();
    else y[r * c.k + Math.floor(rng.uniform() * c.k)] = 1;
  }
  return { x, y };
}

interface KernelRun {
  masks: Uint8Array[][];
  scores: number[];
  kernelRuns: { dense: number; sparse: number };
}

function runOn(c: ImpNetCase, kernel: ImpKernel): KernelRun {
  const { x, y } = dataOf(c);
  const N = mlpShapes(c.d, c.m, c.layers, c.k).reduce((a, [i, o]) => a + i * o, 0);
  const target = Math.max(1, Math.floor((N * c.targetPercent) / 100));
  const masks: Uint8Array[][] = [];
  const scores: number[] = [];
  const res = runImp(
    x,
    y,
    [target],
    {
      d: c.d,
      m: c.m,
      layers: c.layers,
      k: c.k,
      epochsPerRound: c.epochs,
      batch: c.batch,
      seed: c.seed,
      streams: 'named',
      loaders: { trainShuffles: c.batch > 0, evalShuffles: false },
      loss: c.loss,
      fraction: c.fraction,
      mode: 'iterative',
      ranking: 'reference',
      kernel,
      trace: (e: ImpEvent) => {
        if (e.kind === 'pruned') masks.push(e.masks);
      },
    },
    (pred) => {
      // mean squared error of the predictions (both losses: a smooth score of every output)
      let s = 0;
      for (let i = 0; i < pred.length; i++) s += (pred[i]! - y[i]!) ** 2;
      const mse = s / pred.length;
      scores.push(mse);
      return { metric: mse, details: { mse } };
    },
  );
  const runs = (k: 'dense' | 'sparse') => res.training.filter((t) => t.kernel === k).length;
  return { masks, scores, kernelRuns: { dense: runs('dense'), sparse: runs('sparse') } };
}

/** Dense and sparse runs of `c` prune the same weights in every round and score within SCORE_TOLERANCE. */
export function checkSparseMatchesDense(c: ImpNetCase): void {
  const dense = runOn(c, 'dense');
  const sparse = runOn(c, 'sparse');
  if (dense.kernelRuns.sparse !== 0 || sparse.kernelRuns.dense !== 0)
    throw new Error(`a forced kernel was not used: ${JSON.stringify([dense.kernelRuns, sparse.kernelRuns])}`);
  if (dense.masks.length !== sparse.masks.length)
    throw new PropertyViolation('the kernels took different numbers of rounds', { dense: dense.masks.length, sparse: sparse.masks.length });
  dense.masks.forEach((round, r) =>
    round.forEach((m, l) => {
      const i = m.findIndex((bit, j) => bit !== sparse.masks[r]![l]![j]);
      if (i >= 0)
        throw new PropertyViolation(`round ${r + 1}: layer ${l} weight ${i} is ${m[i] ? 'kept' : 'pruned'} by dense, not by sparse`, {
          round: r + 1,
          layer: l,
          index: i,
        });
    }),
  );
  dense.scores.forEach((want, r) => {
    const got = sparse.scores[r]!;
    const diff = Math.abs(got - want) / Math.max(1, Math.abs(want));
    if (!(diff <= SCORE_TOLERANCE)) throw new PropertyViolation(`evaluation ${r + 1}: sparse scores ${got}, dense ${want}`, { diff });
  });
}
