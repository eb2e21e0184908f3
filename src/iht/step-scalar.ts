// Scalar-output AIHT step as the reference runs it (SPEC §3.3): normalized step from the old
// support, streaming top-s over the blocks, then Armijo-refined gradient steps on the new support.
import type { BlockOperator } from '../lifted/operator.js';
import { sumSquares } from '../linalg/vec.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import type { ScalarStepParams } from './params.js';

/** Blocks per call of the gradient sweep (the streaming kernel makes one pass over X for them). */
const SWEEP = 16;
/** Up to this many coordinates (1 MiB), the full gradient Aᵀr is swept once and kept: the normalized
 *  step's A_Sᵀr is then read from it instead of computed again. Both are the same sums in the same
 *  order (rows increasing, r_i = 0 skipped), so the result is unchanged bit for bit; above the limit
 *  the sweep streams as before and memory stays independent of m. */
export const KEPT_GRADIENT_MAX = 1 << 17;

export interface ScalarStepResult {
  w: SparseVector;
  /** step size after the refinement (halvings included) */
  mu: number;
  /** objective ‖A_T u − y‖² at the thresholded point and after each refinement iteration */
  objective: number[];
  /** refinement iterations that gave up and reverted to the thresholded point */
  gaveUp: number;
}

export function stepScalar(
  A: BlockOperator,
  y: Float64Array,
  w: SparseVector,
  s: number,
  params: ScalarStepParams,
  keptGradientMax = KEPT_GRADIENT_MAX,
): ScalarStepResult {
  const n = A.rows;
  const d = A.blockSize;
  const r = new Float64Array(n);
  const kept = A.cols <= keptGradientMax ? new Float64Array(A.cols) : null;
  /** kept := Aᵀr, SWEEP blocks per call (once r is final) */
  const keepGradient = (into: Float64Array) => {
    for (let j0 = 0; j0 < A.numBlocks; j0 += SWEEP) A.adjointBlocks(j0, Math.min(SWEEP, A.numBlocks - j0), r, into.subarray(j0 * d));
  };
  let mu: number;
  if (w.size === 0) {
    for (let i = 0; i < n; i++) r[i] = -y[i]!;
    mu = params.firstStepMu;
    if (kept) keepGradient(kept);
  } else {
    const S = w.indices();
    A.applySupport(S, w.values(), r);
    for (let i = 0; i < n; i++) r[i]! -= y[i]!;
    let g: Float64Array;
    if (kept) {
      keepGradient(kept);
      g = Float64Array.from(S, (c) => kept[c]!);
    } else {
      g = A.adjointSupport(S, r, new Float64Array(S.length));
    }
    const ag = A.applySupport(S, g, new Float64Array(n));
    const den = sumSquares(ag) + params.stepEps;
    // 0/0 only when stepEps = 0 and g = 0: a stationary point, where no step is the right step.
    mu = den > 0 ? sumSquares(g) / den : 0;
  }

  // z = H_s(w − μ Aᵀ r), streamed block by block; the operator computes SWEEP blocks per pass over X.
  const z = new SparseVector(A.cols, s, null, params.ties);
  const q = new Float64Array(SWEEP * d);
  const block = new Float64Array(d);
  for (let j0 = 0; j0 < A.numBlocks; j0 += SWEEP) {
    const count = Math.min(SWEEP, A.numBlocks - j0);
    if (kept) q.set(kept.subarray(j0 * d, (j0 + count) * d));
    else A.adjointBlocks(j0, count, r, q);
    for (let c = 0; c < count; c++) {
      const start = (j0 + c) * d;
      if (A.isZeroBlock(j0 + c)) {
        if (!w.blockIsZero(start, d)) z.writeBlock(start, w.denseBlock(start, block));
        continue;
      }
      w.denseBlock(start, block);
      for (let e = 0; e < d; e++) block[e]! -= mu * q[c * d + e]!;
      z.writeBlock(start, block);
    }
  }

  const T = Int32Array.from(z.indices());
  const k = T.length;
  if (k === 0) return { w: z, mu, objective: [], gaveUp: 0 };
  const u = Float64Array.from(z.values());
  const u0 = u.slice();
  // The refinement works on the prediction p = A_T u, not on the residual: a trial is p − μ·A_T g, then
  // minus y. The reference computes each trial as a fresh product A_T(u − μg) − y, whose rounding error is
  // relative to |y|; the residual form r − μ·A_T g (equal in exact arithmetic) is far more accurate near an
  // exact fit, so it accepted steps the reference rejects and moved near-exact fits by 1e-4 dB. This form
  // has the reference's error scale at one product per iteration, not one per trial (11 per give-up).
  let p = new Float64Array(n);
  let next = new Float64Array(n);
  const rr = new Float64Array(n);
  const v = new Float64Array(n);
  const g = new Float64Array(k);
  const trial = new Float64Array(k);
  const objective: number[] = [];
  A.applySupport(T, u, p);
  const p0 = p.slice();
  let f0 = 0;
  for (let i = 0; i < n; i++) f0 += (p[i]! - y[i]!) ** 2;
  let f = f0;
  objective.push(f0);
  let gaveUp = 0;
  for (let t = 0; t < params.innerSteps; t++) {
    for (let i = 0; i < n; i++) rr[i] = p[i]! - y[i]!;
    A.adjointSupport(T, rr, g);
    const gg = sumSquares(g);
    A.applySupport(T, g, v);
    let tries = 0;
    for (;;) {
      for (let c = 0; c < k; c++) trial[c] = u[c]! - mu * g[c]!;
      let ft = 0;
      for (let i = 0; i < n; i++) {
        const q = p[i]! - mu * v[i]!;
        next[i] = q;
        const e = q - y[i]!;
        ft += e * e;
      }
      tries++;
      if (ft <= f - params.armijo * mu * gg) {
        u.set(trial);
        f = ft;
        [p, next] = [next, p];
        break;
      }
      mu /= 2;
      if (tries > params.maxTries) {
        u.set(u0); // reference: give up, back to the thresholded point
        p.set(p0);
        f = f0;
        gaveUp++;
        break;
      }
    }
    objective.push(f);
  }
  return { w: SparseVector.fromEntries(A.cols, s, T, u), mu, objective, gaveUp };
}
