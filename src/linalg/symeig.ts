/**
 * Eigenvalues of a small symmetric matrix (row-major k×k) by cyclic Jacobi rotations, ascending.
 * Accurate to a few ulps of the largest eigenvalue; meant for k up to a few dozen.
 */
export function symmetricEigenvalues(G: ArrayLike<number>, k: number): Float64Array {
  const a = Float64Array.from({ length: k * k }, (_, i) => G[i]!);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let p = 0; p < k; p++)
      for (let q = 0; q < k; q++) {
        const v = a[p * k + q]! * a[p * k + q]!;
        if (p !== q) off += v;
        scale += v;
      }
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (apq === 0) continue;
        const app = a[p * k + p]!;
        const aqq = a[q * k + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
      }
    }
  }
  const ev = Float64Array.from({ length: k }, (_, i) => a[i * k + i]!);
  return ev.sort();
}
