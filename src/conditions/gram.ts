// Empirical Gram matrices (1/n)·A_Sᵀ A_S, computed one column at a time through the operator
// (memory O(n + |S|²)): the raw material of every restricted-eigenvalue measurement.
import type { BlockOperator } from '../lifted/operator.js';

/** (1/n)·A_Sᵀ A_S for sorted distinct columns S (row-major |S|×|S|). */
export function restrictedGram(A: BlockOperator, S: ArrayLike<number>): Float64Array {
  const k = S.length;
  const G = new Float64Array(k * k);
  const col = new Float64Array(A.rows);
  const row = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    A.applySupport([S[a]!], [1], col);
    A.adjointSupport(S, col, row);
    for (let b = 0; b < k; b++) G[a * k + b] = row[b]! / A.rows;
  }
  // symmetrise away rounding differences between (a, b) and (b, a)
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      const v = (G[a * k + b]! + G[b * k + a]!) / 2;
      G[a * k + b] = v;
      G[b * k + a] = v;
    }
  return G;
}

/** Principal submatrix G[S, S] of a full (cols×cols) Gram. */
export function principal(full: Float64Array, cols: number, S: ArrayLike<number>): Float64Array {
  const k = S.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = full[S[a]! * cols + S[b]!]!;
  return out;
}
