// Evaluation as in SPEC §3.9: an operator on the evaluation data with the run's seed; unless convex,
// its generators are set to the learned weights, so the prediction is the ReLU network's forward pass.
import type { StreamFamily } from '../config/streams.js';
import { LiftedOperator, type KernelName } from '../lifted/operator.js';
import type { Matrix } from '../linalg/matrix.js';
import type { SparseVector } from '../sparse/sparse-vector.js';
import { predictVector } from './step-vector.js';

export interface PredictOptions {
  m: number;
  k: number;
  convex: boolean;
  seed: number;
  /** random generators of convex evaluation */
  streams: StreamFamily;
  kernel: KernelName;
}

export function predict(x: Matrix, w: SparseVector, o: PredictOptions): Float64Array {
  const A = new LiftedOperator(x, o.m, o.seed, { kernel: o.kernel, streams: o.streams });
  if (!o.convex) A.setGenerators(w.head(A.cols)); // the W1 part (all of w for scalar output)
  return o.k > 1 ? predictVector(A, w, o.k) : A.apply(w);
}
