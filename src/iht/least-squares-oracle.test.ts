// scikit-learn style oracle for a degenerate case: with s = m·d nothing is thresholded away, so on a
// fixed A (convex mode) AIHT must converge to the least-squares solution (AᵀA)⁻¹Aᵀy.
import { expect, test } from 'vitest';
import { stepBudget } from '../config/training.js';
import { LiftedOperator } from '../lifted/operator.js';
import { solveSpd } from '../linalg/cholesky.js';
import { plant } from '../network/plant.js';
import { fullBatchIht } from './drivers.js';
import { namedRowOrder } from './row-order.js';
import { REFERENCE_SCALAR } from './params.js';

test('s ≥ m·d on a fixed A: AIHT equals least squares', () => {
  const d = 4,
    m = 3,
    n = 200,
    seed = 7;
  const inst = plant({ d, m, k: 1, layers: 1, s: 6, n, seed });
  const A = new LiftedOperator(inst.x, m, seed, { kernel: 'dense' });
  const cols = m * d;
  const all = Int32Array.from({ length: cols }, (_, i) => i);
  const G = new Float64Array(cols * cols);
  const e = new Float64Array(cols);
  const col = new Float64Array(n);
  for (let c = 0; c < cols; c++) {
    e.fill(0);
    e[c] = 1;
    A.applySupport(all, e, col);
    G.set(A.adjointSupport(all, col, new Float64Array(cols)), c * cols);
  }
  const ls = solveSpd(G, A.adjointSupport(all, inst.y, new Float64Array(cols)), cols);
  const res = fullBatchIht(inst.x, inst.y, {
    m,
    s: cols,
    k: 1,
    training: stepBudget(200),
    batch: 0,
    scpEvery: 1,
    convex: true,
    generatorSeed: seed,
    streams: 'named',
    order: namedRowOrder(seed, inst.x.rows),
    kernel: 'dense',
    // stepEps = 0: without the reference's 1e-8 guard, which stalls tiny residuals
    scalar: { ...REFERENCE_SCALAR, stepEps: 0 },
    vector: { alpha: 0, crossEntropy: false, reinit: 'named' },
  });
  const w = res.w.toDense();
  let num = 0;
  let den = 0;
  ls.forEach((v, c) => {
    num += (v - w[c]!) ** 2;
    den += v * v;
  });
  expect(Math.sqrt(num / den)).toBeLessThanOrEqual(1e-9);
});
