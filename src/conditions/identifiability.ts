// Exhaustive identifiability on tiny instances: every support S of size k is tried, the least-squares
// fit of y on A_S is computed from the full Gram, and the supports that fit y (relative residual
// ≤ tol) are returned. With α_2k > 0 the planted support must be the only one (SPEC §2.4 (i)).
import { solveSpd } from '../linalg/cholesky.js';
import { symmetricEigenvalues } from '../linalg/symeig.js';
import { principal } from './gram.js';
import { forEachSubset } from './restricted-eigs.js';

export interface FittingSupport {
  support: number[];
  /** ‖A_S z − y‖²/‖y‖² at the least-squares z (a singular A_S counts as fitting when y lies in its range) */
  relResidual: number;
}

/**
 * full = (1/n)AᵀA (cols×cols), b = (1/n)Aᵀy, yy = (1/n)‖y‖². Returns every size-k support whose
 * least-squares residual is ≤ tol·‖y‖², and the smallest residual among the others.
 */
export function fittingSupports(
  full: Float64Array,
  b: Float64Array,
  yy: number,
  cols: number,
  k: number,
  tol = 1e-9,
  columns?: readonly number[],
): { fits: FittingSupport[]; bestNonFit: number } {
  const pool = columns ?? Array.from({ length: cols }, (_, i) => i);
  const fits: FittingSupport[] = [];
  let bestNonFit = Infinity;
  const S = new Int32Array(k);
  forEachSubset(pool.length, k, (T) => {
    for (let t = 0; t < k; t++) S[t] = pool[T[t]!]!;
    const G = principal(full, cols, S);
    const bS = Float64Array.from(S, (c) => b[c]!);
    let z: Float64Array;
    const ev = symmetricEigenvalues(G, k);
    if (ev[0]! > 1e-12 * Math.max(1, ev[k - 1]!)) z = solveSpd(G, bS, k);
    else {
      // Singular A_S: regularise minimally; the residual still tells whether y is in range(A_S).
      const Gr = G.slice();
      for (let a = 0; a < k; a++) Gr[a * k + a]! += 1e-10 * Math.max(1, ev[k - 1]!);
      z = solveSpd(Gr, bS, k);
    }
    // ‖A_S z − y‖²/n = yy − 2 zᵀb_S + zᵀ G z
    let zb = 0;
    let zGz = 0;
    for (let a = 0; a < k; a++) {
      zb += z[a]! * bS[a]!;
      for (let c = 0; c < k; c++) zGz += z[a]! * G[a * k + c]! * z[c]!;
    }
    const rel = Math.max(0, yy - 2 * zb + zGz) / yy;
    if (rel <= tol) fits.push({ support: Array.from(S), relResidual: rel });
    else bestNonFit = Math.min(bestNonFit, rel);
  });
  return { fits, bestNonFit };
}
