import type { Matrix } from '../linalg/matrix.js';
import type { GeneratorView } from './generators.js';

/**
 * Activation pattern of one generator on the rows of x: out[i] = 1 if x_i · h > 0 (strict, as the
 * reference; the paper writes ≥, which differs only on a measure-zero set and for zero generators,
 * SPEC §7.3). Returns false for a dead generator (all-false gate).
 */
export function computeGate(x: Matrix, view: GeneratorView, out: Uint8Array): boolean {
  const n = x.rows;
  const d = x.cols;
  const data = x.data;
  if (view.kind === 'dead') {
    out.fill(0, 0, n);
    return false;
  }
  if (view.kind === 'dense') {
    const h = view.h;
    for (let i = 0, base = 0; i < n; i++, base += d) {
      let s = 0;
      for (let c = 0; c < d; c++) s += data[base + c]! * h[c]!;
      out[i] = s > 0 ? 1 : 0;
    }
  } else {
    const { idx, val } = view;
    const k = idx.length;
    for (let i = 0, base = 0; i < n; i++, base += d) {
      let s = 0;
      for (let t = 0; t < k; t++) s += data[base + idx[t]!]! * val[t]!;
      out[i] = s > 0 ? 1 : 0;
    }
  }
  return true;
}
