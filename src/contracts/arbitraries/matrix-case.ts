// Arbitrary: a small sensing matrix for the RSC/RSS and identifiability contracts — a lifted matrix
// [D(h_1)X | … | D(h_m)X] of Gaussian data and random generators, or a plain Gaussian one with a known
// answer to "is every set of 2s columns independent?" (a duplicated column, or too few rows, says no).
import fc from 'fast-check';
import { stream } from '../../random/streams.js';

/** Row-major dense matrix, as the contracts hand it to an implementation. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface MatrixCase {
  seed: number;
  kind: 'lifted' | 'gaussian' | 'duplicate' | 'few-rows';
  rows: number;
  /** lifted: d, m; others: columns */
  d: number;
  m: number;
  /** support size asked about (k for RSC/RSS, s for identifiability, which looks at 2s columns) */
  k: number;
}

export function matrixCase(kinds: readonly MatrixCase['kind'][]): fc.Arbitrary<MatrixCase> {
  return fc
    .record({
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      kind: fc.constantFrom(...kinds),
      rows: fc.integer({ min: 1, max: 60 }),
      d: fc.integer({ min: 1, max: 4 }),
      m: fc.integer({ min: 1, max: 3 }),
      k: fc.integer({ min: 1, max: 3 }),
    })
    .map((c) => {
      const cols = c.kind === 'lifted' ? c.d * c.m : Math.max(2, c.d * c.m);
      const k = c.kind === 'lifted' ? Math.min(c.k, cols) : Math.max(1, Math.min(c.k, Math.floor(cols / 2)));
      // identifiable by construction needs rows ≥ 2k + 2 (a margin over 2k); too few rows needs rows < 2k
      const rows = c.kind === 'few-rows' ? Math.min(c.rows, 2 * k - 1) : c.kind === 'lifted' ? c.rows : Math.max(c.rows, 2 * k + 2);
      return { ...c, k, rows, ...(c.kind === 'lifted' ? {} : { d: cols, m: 1 }) };
    })
    .filter((c) => c.kind !== 'few-rows' || c.rows >= 1);
}

/** The case's matrix; for 'duplicate', column b is 2^e times column a, an exact dependency. */
export function matrixOf(c: MatrixCase): DenseMatrix {
  const rng = stream(c.seed, 'contract-matrix');
  if (c.kind !== 'lifted') {
    const cols = c.d;
    const data = Float64Array.from({ length: c.rows * cols }, () => rng.normal());
    if (c.kind === 'duplicate') {
      const a = rng.int(cols);
      const b = (a + 1 + rng.int(cols - 1)) % cols;
      const scale = 2 ** (rng.int(5) - 2);
      for (let i = 0; i < c.rows; i++) data[i * cols + b] = scale * data[i * cols + a]!;
    }
    return { rows: c.rows, cols, data };
  }
  const x = Float64Array.from({ length: c.rows * c.d }, () => Math.fround(rng.normal()));
  const h = Float64Array.from({ length: c.m * c.d }, () => rng.normal());
  const cols = c.m * c.d;
  const data = new Float64Array(c.rows * cols);
  for (let i = 0; i < c.rows; i++)
    for (let j = 0; j < c.m; j++) {
      let z = 0;
      for (let t = 0; t < c.d; t++) z += x[i * c.d + t]! * h[j * c.d + t]!;
      if (z > 0) for (let t = 0; t < c.d; t++) data[i * cols + j * c.d + t] = x[i * c.d + t]!;
    }
  return { rows: c.rows, cols, data };
}

/** (1/n)·AᵀA, row-major cols × cols. */
export function gramOf(a: DenseMatrix): Float64Array {
  const g = new Float64Array(a.cols * a.cols);
  for (let p = 0; p < a.cols; p++)
    for (let q = p; q < a.cols; q++) {
      let sum = 0;
      for (let i = 0; i < a.rows; i++) sum += a.data[i * a.cols + p]! * a.data[i * a.cols + q]!;
      g[p * a.cols + q] = g[q * a.cols + p] = sum / a.rows;
    }
  return g;
}
