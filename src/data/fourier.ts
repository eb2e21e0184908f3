// Fourier-feature inputs of the INR tasks (SPEC §5.5–5.6): raw integer coordinates p, a Gaussian
// matrix B (750 × dims, per-column scales), φ(p) = [sin(2πp·Bᵀ), cos(2πp·Bᵀ)] ∈ R^1500, float32.
// Arithmetic as the reference's NumPy code: a = 2π·p first (float64), then a·B[k] through OpenBLAS,
// whose kernel fuses from a +0 accumulator: x = fma(a_c, b_c, x) from the last coordinate to the first
// (bit-identical to the reference's X for the 2-D MNIST case, checked by sha256 in fourier.test.ts;
// the 3-D colour case follows the same pattern, which no fixture covers).
import type { StreamFamily } from '../config/streams.js';
import { fma } from '../linalg/fma.js';
import type { Matrix } from '../linalg/matrix.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream, type RandomStream } from '../random/streams.js';

const FOURIER_FEATURES = 750;

export interface FourierMatrixOptions {
  streams: StreamFamily;
  /** store B in float32 (the reference's colour INR does; its MNIST INR keeps float64) */
  float32: boolean;
}

/**
 * B (750 × scales.length, row-major), column c ~ scales[c]·N(0,1). Drawn like the reference: the
 * 750×2 spatial block first (row-major), then the channel column. Reference streams:
 * `np.random.seed(seed)`, `normal(size=(750, 2))`, then `normal(size=750)`.
 */
export function fourierMatrix(seed: number, scales: readonly number[], o: FourierMatrixOptions): Float64Array {
  const rng: RandomStream = o.streams === 'reference' ? new NumpyRandomState(seed) : stream(seed, Role.fourier);
  const dims = scales.length;
  const B = new Float64Array(FOURIER_FEATURES * dims);
  const put = (i: number, v: number) => (B[i] = o.float32 ? Math.fround(v) : v);
  const spatial = Math.min(2, dims);
  for (let r = 0; r < FOURIER_FEATURES; r++) for (let c = 0; c < spatial; c++) put(r * dims + c, rng.normal() * scales[c]!);
  for (let c = spatial; c < dims; c++) for (let r = 0; r < FOURIER_FEATURES; r++) put(r * dims + c, rng.normal() * scales[c]!);
  return B;
}

/** Features of `count` coordinate tuples (row-major count × dims) → count × 1500 float32. */
export function fourierFeatures(coords: Float64Array, dims: number, B: Float64Array): Matrix {
  const count = coords.length / dims;
  const d = 2 * FOURIER_FEATURES;
  const out = new Float32Array(count * d);
  const a = new Float64Array(dims);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < dims; c++) a[c] = 2 * Math.PI * coords[i * dims + c]!;
    for (let r = 0; r < FOURIER_FEATURES; r++) {
      // from a +0 accumulator (so a zero coordinate gives +0, never −0: sin(−0) has another sign bit)
      let x = 0;
      for (let c = dims - 1; c >= 0; c--) x = fma(a[c]!, B[r * dims + c]!, x);
      out[i * d + r] = Math.sin(x);
      out[i * d + FOURIER_FEATURES + r] = Math.cos(x);
    }
  }
  return { rows: count, cols: d, data: out };
}

/** MNIST INR coordinates: pixel p → (⌊p/28⌋, p mod 28), raw integers. */
export function mnistCoords(): Float64Array {
  const c = new Float64Array(784 * 2);
  for (let p = 0; p < 784; p++) {
    c[2 * p] = Math.floor(p / 28);
    c[2 * p + 1] = p % 28;
  }
  return c;
}

/** CIFAR INR coordinates: q → (row, col, channel) with channel = ⌊q/1024⌋, row = ⌊(q mod 1024)/32⌋, col = q mod 32. */
export function cifarCoords(): Float64Array {
  const c = new Float64Array(3072 * 3);
  for (let q = 0; q < 3072; q++) {
    c[3 * q] = Math.floor((q % 1024) / 32);
    c[3 * q + 1] = q % 32;
    c[3 * q + 2] = Math.floor(q / 1024);
  }
  return c;
}
