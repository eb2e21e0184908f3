// Fourier-feature inputs of the INR tasks (SPEC §5.5–5.6): raw integer coordinates p, a Gaussian
// matrix B (750 × dims, per-column scales), φ(p) = [sin(2π B p), cos(2π B p)] ∈ R^1500, float32.
import type { Matrix } from '../linalg/matrix.js';
import { Role, stream } from '../random/streams.js';

export const FOURIER_FEATURES = 750;

/** B (750 × scales.length, row-major), column c ~ scales[c]·N(0,1); drawn column block by column block like the reference (spatial first). */
export function fourierMatrix(seed: number, scales: readonly number[]): Float64Array {
  const rng = stream(seed, Role.fourier);
  const dims = scales.length;
  const B = new Float64Array(FOURIER_FEATURES * dims);
  // Reference order for CIFAR: the 750×2 spatial block first (row-major), then the 750 channel values.
  const spatial = Math.min(2, dims);
  for (let r = 0; r < FOURIER_FEATURES; r++) for (let c = 0; c < spatial; c++) B[r * dims + c] = scales[c]! * rng.normal();
  for (let c = spatial; c < dims; c++) for (let r = 0; r < FOURIER_FEATURES; r++) B[r * dims + c] = scales[c]! * rng.normal();
  return B;
}

/** Features of `count` coordinate tuples (row-major count × dims) → count × 1500 float32. */
export function fourierFeatures(coords: Float64Array, dims: number, B: Float64Array): Matrix {
  const count = coords.length / dims;
  const d = 2 * FOURIER_FEATURES;
  const out = new Float32Array(count * d);
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < FOURIER_FEATURES; r++) {
      let t = 0;
      for (let c = 0; c < dims; c++) t += B[r * dims + c]! * coords[i * dims + c]!;
      const a = 2 * Math.PI * t;
      out[i * d + r] = Math.fround(Math.sin(a));
      out[i * d + FOURIER_FEATURES + r] = Math.fround(Math.cos(a));
    }
  }
  return { rows: count, cols: d, data: out };
}

/** MNIST INR coordinates: pixel p → (⌊p/28⌋, p mod 28), raw integers. */
export function mnistCoords(): Float64Array {
  const c = new Float64Array(784 * 2);
  for (let p = 0; p < 784; p++) { c[2 * p] = Math.floor(p / 28); c[2 * p + 1] = p % 28; }
  return c;
}

/** CIFAR INR coordinates: q → (row, col, channel) with channel = ⌊q/1024⌋, row = ⌊(q mod 1024)/32⌋, col = q mod 32. */
export function cifarCoords(): Float64Array {
  const c = new Float64Array(3072 * 3);
  for (let q = 0; q < 3072; q++) { c[3 * q] = Math.floor((q % 1024) / 32); c[3 * q + 1] = q % 32; c[3 * q + 2] = Math.floor(q / 1024); }
  return c;
}
