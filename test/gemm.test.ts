import { expect, test } from 'vitest';
import { gemmAtB } from '../bench/gemm.js';

test('tiled AᵀB equals the naive triple loop', () => {
  const n = 131,
    p = 7,
    q = 6;
  const A = Float32Array.from({ length: n * p }, (_, i) => Math.fround(Math.sin(i)));
  const B = Float64Array.from({ length: n * q }, (_, i) => Math.cos(i));
  const C = gemmAtB(A, B, n, p, q);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += A[r * p + i]! * B[r * q + j]!;
      expect(Math.abs(C[i * q + j]! - s)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(s)));
    }
});
