// Non-negative least squares for a handful of unknowns: min ‖Ax − b‖² subject to x ≥ 0, by trying every
// set of free unknowns (2^k least-squares solves; k ≤ 8 here) and keeping the best feasible one.

function leastSquares(A: number[][], b: number[], free: number[]): number[] | null {
  const k = free.length;
  const M = free.map((i) => free.map((j) => A.reduce((s, row) => s + row[i]! * row[j]!, 0)));
  const v = free.map((i) => A.reduce((s, row, r) => s + row[i]! * b[r]!, 0));
  // Gaussian elimination with partial pivoting on the normal equations
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    if (Math.abs(M[p]![c]!) < 1e-300) return null;
    [M[c], M[p]] = [M[p]!, M[c]!];
    [v[c], v[p]] = [v[p]!, v[c]!];
    for (let r = c + 1; r < k; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let j = c; j < k; j++) M[r]![j]! -= f * M[c]![j]!;
      v[r]! -= f * v[c]!;
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let c = k - 1; c >= 0; c--) {
    let s = v[c]!;
    for (let j = c + 1; j < k; j++) s -= M[c]![j]! * x[j]!;
    x[c] = s / M[c]![c]!;
  }
  return x;
}

export function fitNonNegative(A: number[][], b: number[]): number[] {
  const n = A[0]?.length ?? 0;
  let best: number[] = new Array<number>(n).fill(0);
  let bestErr = b.reduce((s, v) => s + v * v, 0);
  for (let mask = 1; mask < 1 << n; mask++) {
    const free = [...Array(n).keys()].filter((i) => mask & (1 << i));
    const sol = leastSquares(A, b, free);
    if (!sol || sol.some((v) => !(v >= 0))) continue;
    const x = new Array<number>(n).fill(0);
    free.forEach((i, j) => (x[i] = sol[j]!));
    const err = A.reduce((s, row, r) => s + (row.reduce((a, v, j) => a + v * x[j]!, 0) - b[r]!) ** 2, 0);
    if (err < bestErr) {
      bestErr = err;
      best = x;
    }
  }
  return best;
}
