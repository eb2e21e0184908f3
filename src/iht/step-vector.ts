// Vector-output step as the reference runs it (SPEC §3.4): simultaneous gradient steps on both
// factors of Ŷ = Σ_j D(h_j) X w1_j w2_jᵀ, thresholded by count-sketch importance. No refinement.
import type { StreamFamily } from '../config/streams.js';
import type { LiftedOperator } from '../lifted/operator.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream } from '../random/streams.js';
import type { SparseVector } from '../sparse/sparse-vector.js';
import type { VectorStepParams } from './params.js';

/** Ŷ (n × k) of the current weights with the operator's gates. */
export function predictVector(A: LiftedOperator, W: SparseVector, k: number): Float64Array {
  const n = A.rows;
  const d = A.blockSize;
  const md = A.cols;
  const yhat = new Float64Array(n * k);
  const t = new Float64Array(n);
  const c = new Float64Array(k);
  const idx = W.indices();
  const val = W.values();
  for (let a = 0; a < idx.length && idx[a]! < md;) {
    const j = Math.floor(idx[a]! / d);
    let b = a;
    while (b < idx.length && idx[b]! < (j + 1) * d) b++;
    W.denseBlock(md + j * k, c);
    if (c.some((x) => x !== 0)) {
      A.applySupport(idx.subarray(a, b), val.subarray(a, b), t);
      for (let i = 0; i < n; i++) {
        const ti = t[i]!;
        if (ti !== 0) for (let o = 0; o < k; o++) yhat[i * k + o]! += ti * c[o]!;
      }
    }
    a = b;
  }
  return yhat;
}

function residual(yhat: Float64Array, Y: Float64Array, n: number, k: number, crossEntropy: boolean): Float64Array {
  const R = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if (crossEntropy) {
      let mx = -Infinity;
      for (let o = 0; o < k; o++) mx = Math.max(mx, yhat[i * k + o]!);
      let z = 0;
      for (let o = 0; o < k; o++) z += Math.exp(yhat[i * k + o]! - mx);
      for (let o = 0; o < k; o++) R[i * k + o] = (Math.exp(yhat[i * k + o]! - mx) / z - Y[i * k + o]!) / n;
    } else {
      for (let o = 0; o < k; o++) R[i * k + o] = (yhat[i * k + o]! - Y[i * k + o]!) / n;
    }
  }
  return R;
}

/** U(−bound, bound)^len for block j: `np.random.seed(j)`, `uniform(-bound, bound, size)` (reference), or stream(0, vector-reinit:j). */
function uniformReinit(family: StreamFamily, j: number, out: Float64Array, bound: number): void {
  if (family === 'reference') {
    const rs = new NumpyRandomState(j);
    for (let i = 0; i < out.length; i++) out[i] = rs.uniformIn(-bound, bound);
    return;
  }
  const rng = stream(0, Role.vectorReinit(j));
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
}

export function stepVector(A: LiftedOperator, Y: Float64Array, W: SparseVector, k: number, first: boolean, p: VectorStepParams): SparseVector {
  const n = A.rows;
  const d = A.blockSize;
  const m = A.numBlocks;
  const md = m * d;
  if (W.length !== md + m * k) throw new RangeError(`vector-output weights have length ${W.length}, expected ${md + m * k}`);
  const R = residual(predictVector(A, W, k), Y, n, k, p.crossEntropy);
  const Z = W.copy();
  const a = new Float64Array(d);
  const c = new Float64Array(k);
  const g1 = new Float64Array(d);
  const g2 = new Float64Array(k);
  const rc = new Float64Array(n);
  const ta = new Float64Array(n);
  const newA = new Float64Array(d);
  const newC = new Float64Array(k);
  const dA = new Float64Array(d);
  const dC = new Float64Array(k);
  const aIdx = new Int32Array(d);
  const aVal = new Float64Array(d);
  for (let j = 0; j < m; j++) {
    W.denseBlock(j * d, a);
    W.denseBlock(md + j * k, c);
    // Reference quirk kept: plain max (not max-abs) decides re-initialisation; both draws use the same stream.
    if (first && Math.max(...a) === 0) uniformReinit(p.reinit, j, a, 1 / Math.sqrt(d * m));
    if (first && Math.max(...c) === 0) uniformReinit(p.reinit, j, c, 1 / Math.sqrt(m * k));
    g1.fill(0);
    g2.fill(0);
    if (!A.isZeroBlock(j)) {
      // g1 = A_jᵀ (R c), g2 = Rᵀ (A_j a): the exact block gradients with gates fixed.
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let o = 0; o < k; o++) s += R[i * k + o]! * c[o]!;
        rc[i] = s;
      }
      A.adjointBlock(j, rc, g1);
      let cnt = 0;
      for (let t = 0; t < d; t++)
        if (a[t] !== 0) {
          aIdx[cnt] = j * d + t;
          aVal[cnt++] = a[t]!;
        }
      if (cnt > 0) {
        A.applySupport(aIdx, aVal, ta, cnt);
        for (let i = 0; i < n; i++) {
          const ti = ta[i]!;
          if (ti !== 0) for (let o = 0; o < k; o++) g2[o]! += R[i * k + o]! * ti;
        }
      }
    }
    for (let t = 0; t < d; t++) {
      dA[t] = -p.alpha * g1[t]!;
      newA[t] = a[t]! + dA[t]!;
    }
    for (let o = 0; o < k; o++) {
      dC[o] = -p.alpha * g2[o]!;
      newC[o] = c[o]! + dC[o]!;
    }
    Z.writeBlock(j * d, newA, dA);
    Z.writeBlock(md + j * k, newC, dC);
  }
  return Z;
}
