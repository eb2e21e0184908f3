import type { RandomStream } from './streams.js';

/** A uniformly random permutation of [0, n) (Fisher–Yates, drawing from the top). */
export function shuffledIndices(n: number, rng: RandomStream): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
