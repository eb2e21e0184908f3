// Evaluation as in SPEC §3.9: an operator on the evaluation data with the run's seed; unless convex,
// its generators are set to the learned weights, so the prediction is the ReLU network's forward pass.
import { enginesOf } from '../lifted/engines-used.js';
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
  return predictWithEngines(x, w, o).pred;
}

/** The prediction and the engines that computed it (records report them). */
export function predictWithEngines(x: Matrix, w: SparseVector, o: PredictOptions): { pred: Float64Array; engines: string[] } {
  const A = new LiftedOperator(x, o.m, o.seed, { kernel: o.kernel, streams: o.streams });
  if (!o.convex) A.setGenerators(w.head(A.cols)); // the W1 part (all of w for scalar output)
  const pred = o.k > 1 ? predictVector(A, w, o.k) : A.apply(w);
  return { pred, engines: enginesOf(A) };
}
