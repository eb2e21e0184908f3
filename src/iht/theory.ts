// IHT as Theorem 1 states it (SPEC §2.4, Jain–Tewari–Kar 2014): fixed A, f(w) = ½‖Aw − y‖²,
// w ← H_s̃(w − η Aᵀ(Aw − y)) with η = 2/(3β), until f(w) − f* ≤ ε or a step budget runs out.
import type { BlockOperator } from '../lifted/operator.js';
import { sumSquares } from '../linalg/vec.js';
import { SparseVector } from '../sparse/sparse-vector.js';

export interface TheoryOptions {
  /** target sparsity s of w*: the estimate is H_s of the last iterate */
  s: number;
  /** projection size s̃ (the theorem asks s̃ ≥ 32 κ² s; a parameter here) */
  sTilde: number;
  /** RSS constant β; when absent it is estimated by power iteration on AᵀA (λ_max ≥ every restricted β, so η is conservative) */
  beta?: number;
  /** stop once f(w) − fStar ≤ tolerance */
  tolerance: number;
  fStar?: number;
  maxSteps: number;
  onStep?: (info: { step: number; total: number; f: number }) => void;
  /** the container each iterate is streamed into, whose writes perform H_s̃ (tests inject broken ones) */
  iterate?: (length: number, sTilde: number) => SparseVector;
}

export interface TheoryResult {
  /** the estimate: H_s(w^K), the last iterate cut to the target sparsity s (equal to w^K when s̃ = s) */
  w: SparseVector;
  /** the last iterate w^K itself (s̃ entries) */
  iterate: SparseVector;
  steps: number;
  beta: number;
  betaEstimated: boolean;
  eta: number;
  sTilde: number;
  f0: number;
  f: number;
  converged: boolean;
  /** steps whose projection H_s̃ removed at least one nonzero entry (0: H_s̃ acted as the identity) */
  projectedSteps: number;
}

/** λ_max(AᵀA) by power iteration from the all-ones vector (deterministic). O(cols) memory: small instances. */
export function estimateLambdaMax(A: BlockOperator, iterations = 200, relTol = 1e-12): number {
  const all = Int32Array.from({ length: A.cols }, (_, i) => i);
  let v = new Float64Array(A.cols).fill(1 / Math.sqrt(A.cols));
  const av = new Float64Array(A.rows);
  const next = new Float64Array(A.cols);
  let lambda = 0;
  for (let it = 0; it < iterations; it++) {
    A.applySupport(all, v, av);
    A.adjointSupport(all, av, next);
    const norm = Math.sqrt(sumSquares(next));
    if (norm === 0) return 0;
    const prev = lambda;
    lambda = norm; // ‖AᵀA v‖ with ‖v‖ = 1
    for (let c = 0; c < A.cols; c++) next[c]! /= norm;
    v = next.slice();
    if (it > 5 && Math.abs(lambda - prev) <= relTol * lambda) break;
  }
  return lambda;
}

/** H_k of a sparse vector (project order: |value| desc, index asc). */
function truncate(w: SparseVector, k: number): SparseVector {
  const out = new SparseVector(w.length, k);
  const idx = w.indices();
  const val = w.values();
  // writing each stored entry as a one-element block keeps the running top-k
  for (let t = 0; t < idx.length; t++) out.writeBlock(idx[t]!, val.subarray(t, t + 1));
  return out;
}

function objective(A: BlockOperator, y: Float64Array, w: SparseVector, r: Float64Array): number {
  A.applySupport(w.indices(), w.values(), r);
  for (let i = 0; i < A.rows; i++) r[i]! -= y[i]!;
  return 0.5 * sumSquares(r);
}

export function ihtTheory(A: BlockOperator, y: Float64Array, o: TheoryOptions): TheoryResult {
  if (!Number.isInteger(o.sTilde) || o.sTilde <= 0) throw new RangeError(`s̃ must be a positive integer, got ${o.sTilde}`);
  const betaEstimated = o.beta === undefined;
  const beta = o.beta ?? estimateLambdaMax(A);
  if (!(beta > 0)) throw new RangeError(`β must be positive, got ${beta}`);
  const eta = 2 / (3 * beta);
  const fStar = o.fStar ?? 0;
  const d = A.blockSize;
  const r = new Float64Array(A.rows);
  const q = new Float64Array(d);
  const block = new Float64Array(d);
  const fresh = o.iterate ?? ((length: number, sTilde: number) => new SparseVector(length, sTilde));
  let w = fresh(A.cols, o.sTilde);
  const f0 = objective(A, y, w, r);
  let f = f0;
  let steps = 0;
  let projectedSteps = 0;
  while (f - fStar > o.tolerance && steps < o.maxSteps) {
    const z = fresh(A.cols, o.sTilde);
    let dense = 0;
    for (let j = 0; j < A.numBlocks; j++) {
      const start = j * d;
      if (A.isZeroBlock(j)) continue; // w_j is zero there too: nothing can enter a zero block
      A.adjointBlock(j, r, q);
      w.denseBlock(start, block);
      for (let c = 0; c < d; c++) if ((block[c]! -= eta * q[c]!) !== 0) dense++;
      z.writeBlock(start, block);
    }
    if (dense > o.sTilde) projectedSteps++;
    w = z;
    f = objective(A, y, w, r);
    steps++;
    o.onStep?.({ step: steps, total: o.maxSteps, f });
  }
  return { w: truncate(w, o.s), iterate: w, steps, beta, betaEstimated, eta, sTilde: o.sTilde, f0, f, converged: f - fStar <= o.tolerance, projectedSteps };
}
