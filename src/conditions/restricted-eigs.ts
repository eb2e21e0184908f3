// Restricted eigenvalues α_k = min, β_k = max over supports |S| = k of the eigenvalues of
// (1/n)·A_Sᵀ A_S (RSC/RSS for least squares, SPEC §2.1). Three ways, and each result says which:
//  - exact:           every support of size k enumerated (a certificate; tiny instances only);
//  - planted-support: the one support of the planted weights;
//  - sampled:         uniformly sampled supports — an estimate (α is over-, β under-estimated).
import type { BlockOperator } from '../lifted/operator.js';
import { symmetricEigenvalues } from '../linalg/symeig.js';
import { Role, stream } from '../random/streams.js';
import { sampleWithoutReplacement } from '../random/sampling.js';
import { principal, restrictedGram } from './gram.js';

type EigMethod = 'exact' | 'planted-support' | 'sampled';

export interface RestrictedEigs {
  k: number;
  alpha: number;
  beta: number;
  method: EigMethod;
  /** how many supports were examined */
  supports: number;
}

/** Binomial coefficient as a float (may be huge). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) r = (r * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(r);
}

/** Calls visit(S) for every k-subset of [0, n) in lexicographic order. */
export function forEachSubset(n: number, k: number, visit: (S: Int32Array) => void): void {
  if (k > n) return;
  const S = Int32Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(S);
    let i = k - 1;
    while (i >= 0 && S[i] === n - k + i) i--;
    if (i < 0) return;
    S[i]!++;
    for (let j = i + 1; j < k; j++) S[j] = S[j - 1]! + 1;
  }
}

/** Full (1/n)·AᵀA over all columns (cols × cols): tiny instances. */
export function fullGram(A: BlockOperator): Float64Array {
  return restrictedGram(
    A,
    Int32Array.from({ length: A.cols }, (_, i) => i),
  );
}

/** Columns of the blocks that are not identically zero (zero blocks never enter an IHT iterate). */
export function liveColumns(A: BlockOperator): number[] {
  const out: number[] = [];
  for (let j = 0; j < A.numBlocks; j++) if (!A.isZeroBlock(j)) for (let c = 0; c < A.blockSize; c++) out.push(j * A.blockSize + c);
  return out;
}

/** Every k-subset of `columns` (default: all), eigenvalues from the full Gram's principal submatrices. */
export function restrictedEigsExact(full: Float64Array, cols: number, k: number, columns?: readonly number[]): RestrictedEigs {
  const pool = columns ?? Array.from({ length: cols }, (_, i) => i);
  let alpha = Infinity;
  let beta = -Infinity;
  let supports = 0;
  const kk = Math.min(k, pool.length);
  const S = new Int32Array(kk);
  forEachSubset(pool.length, kk, (T) => {
    for (let t = 0; t < kk; t++) S[t] = pool[T[t]!]!;
    const ev = symmetricEigenvalues(principal(full, cols, S), kk);
    alpha = Math.min(alpha, ev[0]!);
    beta = Math.max(beta, ev[kk - 1]!);
    supports++;
  });
  return { k: kk, alpha, beta, method: 'exact', supports };
}

export function restrictedEigsOnSupport(A: BlockOperator, S: ArrayLike<number>): RestrictedEigs {
  const ev = symmetricEigenvalues(restrictedGram(A, S), S.length);
  return { k: S.length, alpha: ev[0]!, beta: ev[S.length - 1]!, method: 'planted-support', supports: 1 };
}

export function restrictedEigsSampled(A: BlockOperator, k: number, samples: number, seed: number, columns?: readonly number[]): RestrictedEigs {
  const pool = columns ?? Array.from({ length: A.cols }, (_, i) => i);
  const rng = stream(seed, Role.sampledSupports);
  const kk = Math.min(k, pool.length);
  let alpha = Infinity;
  let beta = -Infinity;
  for (let t = 0; t < samples; t++) {
    const S = Array.from(sampleWithoutReplacement(rng, pool.length, kk), (i) => pool[i]!).sort((a, b) => a - b);
    const ev = symmetricEigenvalues(restrictedGram(A, S), kk);
    alpha = Math.min(alpha, ev[0]!);
    beta = Math.max(beta, ev[kk - 1]!);
  }
  return { k: kk, alpha, beta, method: 'sampled', supports: samples };
}
