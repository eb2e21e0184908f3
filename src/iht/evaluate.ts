// Evaluation as in SPEC §3.9: an operator on the evaluation data with the run's seed; unless convex,
// its generators are set to the learned weights, so the prediction is the ReLU network's forward pass.
import { LiftedOperator, type KernelName } from '../lifted/operator.js';
import type { Matrix } from '../linalg/matrix.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import { predictVector } from './step-vector.js';

export interface PredictOptions {
  m: number;
  k: number;
  convex: boolean;
  seed: number;
  kernel: KernelName;
}

/** The W1 part (indices < m·d) of lifted weights, as a vector of length m·d. */
export function firstLayerPart(w: SparseVector, md: number): SparseVector {
  const idx = w.indices();
  let count = 0;
  while (count < idx.length && idx[count]! < md) count++;
  return SparseVector.fromEntries(md, Math.max(1, count), idx.subarray(0, count), w.values().subarray(0, count));
}

export function predict(x: Matrix, w: SparseVector, o: PredictOptions): Float64Array {
  const A = new LiftedOperator(x, o.m, o.seed, { kernel: o.kernel });
  if (!o.convex) A.setGenerators(firstLayerPart(w, A.cols));
  return o.k > 1 ? predictVector(A, w, o.k) : A.apply(w);
}
