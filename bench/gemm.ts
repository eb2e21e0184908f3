// A plain tiled GEMM in TypeScript, C (p×q) = Aᵀ B with A (n×p, row-major, float32 or float64) and
// B (n×q float64): the reference point the benchmark compares the streamed gradient sweep against
// (same shape as Xᵀ(G ⊙ r) over q blocks). Row panels of 64 keep A's and B's rows in cache; each row
// updates a 4-wide register block of C.
export function gemmAtB(A: Float32Array | Float64Array, B: Float64Array, n: number, p: number, q: number, C = new Float64Array(p * q)): Float64Array {
  C.fill(0);
  const PANEL = 64;
  for (let r0 = 0; r0 < n; r0 += PANEL) {
    const r1 = Math.min(n, r0 + PANEL);
    for (let j = 0; j < q; j += 4) {
      const jw = Math.min(4, q - j);
      for (let i = 0; i < p; i++) {
        let c0 = 0,
          c1 = 0,
          c2 = 0,
          c3 = 0;
        for (let r = r0; r < r1; r++) {
          const a = A[r * p + i]!;
          const b = r * q + j;
          c0 += a * B[b]!;
          if (jw > 1) c1 += a * B[b + 1]!;
          if (jw > 2) c2 += a * B[b + 2]!;
          if (jw > 3) c3 += a * B[b + 3]!;
        }
        const o = i * q + j;
        C[o]! += c0;
        if (jw > 1) C[o + 1]! += c1;
        if (jw > 2) C[o + 2]! += c2;
        if (jw > 3) C[o + 3]! += c3;
      }
    }
  }
  return C;
}
