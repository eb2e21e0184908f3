// This project's own implementations behind the contracts' interfaces: what our test suites check on every
// run, and a worked example of an adapter (docs/contracts.md).
import { restrictedEigsExact } from '../conditions/restricted-eigs.js';
import { stepBudget } from '../config/training.js';
import { runIht } from '../iht/drivers.js';
import { REFERENCE_SCALAR } from '../iht/params.js';
import { namedRowOrder } from '../iht/row-order.js';
import { LiftedOperator, type KernelName } from '../lifted/operator.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import { gramOf } from './arbitraries/matrix-case.js';
import type { IhtSolver } from './iht-solver.js';
import type { LiftedOperatorFactory } from './lifted-operator.js';
import type { Identifiable, RestrictedEigenvalues } from './restricted-eigenvalues.js';
import type { TopS } from './top-s.js';

/** Our top-s (the sparse vector's selection, NumPy's tie order, as the reference): passes `ties: 'numpy'`. */
export const topS: TopS = (values, s) => {
  if (s <= 0) return [];
  const v = new SparseVector(values.length, s, null, 'numpy');
  v.writeBlock(0, Float64Array.from(values));
  return Array.from(v.indices());
};

/** Our lifted operator on one of its kernels (default: the streaming kernel on its WebAssembly engine). */
export const liftedOperatorOn =
  (kernel: KernelName): LiftedOperatorFactory =>
  (p) => {
    const op = new LiftedOperator({ rows: p.n, cols: p.d, data: Float64Array.from(p.x) }, p.m, 0, { kernel });
    op.setGenerators(SparseVector.fromDense(p.generators));
    return {
      apply: (w) => op.apply(SparseVector.fromDense(w)),
      adjoint: (r) => op.adjointBlocks(0, p.m, Float64Array.from(r), new Float64Array(p.m * p.d)),
    };
  };

export const liftedOperator: LiftedOperatorFactory = liftedOperatorOn('streaming');

/** Our AIHT as the reference runs it (k = 1: generators := weights every step), full batch, `steps` steps. */
export const solveWithSteps =
  (steps: number): IhtSolver =>
  (p) => {
    const res = runIht({ rows: p.n, cols: p.d, data: Float64Array.from(p.x) }, Float64Array.from(p.y), {
      m: p.m,
      s: p.s,
      k: 1,
      training: stepBudget(steps),
      batch: 0,
      scpEvery: 1,
      convex: false,
      generatorSeed: 1,
      streams: 'named',
      order: namedRowOrder(0, p.n),
      kernel: 'streaming',
      scalar: REFERENCE_SCALAR,
      vector: { alpha: 0, crossEntropy: false, reinit: 'named' },
    });
    return res.w.toDense();
  };

export const solve: IhtSolver = solveWithSteps(30);

/** Exhaustive enumeration of the supports (small matrices only). */
export const restrictedEigenvalues: RestrictedEigenvalues = (a, k) => {
  const { alpha, beta } = restrictedEigsExact(gramOf(a), a.cols, k);
  return { alpha, beta };
};

/** α_2s > 0 by enumeration, "0" meaning below 1e-10 of the largest restricted eigenvalue. */
export const identifiable: Identifiable = (a, s) => {
  if (a.rows < Math.min(2 * s, a.cols)) return false;
  const { alpha, beta } = restrictedEigsExact(gramOf(a), a.cols, Math.min(2 * s, a.cols));
  return alpha > 1e-10 * Math.max(beta, Number.MIN_VALUE);
};
