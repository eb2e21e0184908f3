// Streaming top-s: writing a dense vector block by block into an empty sparse vector of capacity s
// must give exactly H_s, and H_s must be a best s-term approximation (brute force on small sizes).
import { expect } from 'vitest';
import { stream } from '../src/random/streams.js';
import { hardThreshold, SparseVector } from '../src/sparse/sparse-vector.js';
import type { DenseVectorSpec } from './arbitraries/dense-vector.js';

function materialise(spec: DenseVectorSpec): Float64Array {
  const rng = stream(spec.seed, 'test-dense-vector');
  const x = new Float64Array(spec.length);
  for (let i = 0; i < x.length; i++) {
    x[i] = rng.normal();
    if (spec.tieEvery > 0 && i > 0 && i % spec.tieEvery === 0) x[i] = -x[i - 1]!;
    if (spec.zeroEvery > 0 && i % spec.zeroEvery === 1) x[i] = 0;
  }
  return x;
}

export type Factory = (length: number, capacity: number) => SparseVector;

function streamInto(x: Float64Array, block: number, s: number, make: Factory): SparseVector {
  const z = make(x.length, s);
  for (let a = 0; a < x.length; a += block) z.writeBlock(a, x.slice(a, Math.min(x.length, a + block)));
  return z;
}

export function checkStreamingEqualsDense(spec: DenseVectorSpec, make: Factory): void {
  const x = materialise(spec);
  const z = streamInto(x, spec.block, spec.s, make);
  const h = hardThreshold(x, spec.s);
  expect(Array.from(z.indices())).toEqual(Array.from(h.indices()));
  expect(Array.from(z.values())).toEqual(Array.from(h.values()));
  expect(z.size).toBeLessThanOrEqual(spec.s);
}

/** Among all supports of size ≤ s, H_s leaves the smallest residual ‖x − x_S‖² (exhaustive, length ≤ 14). */
export function checkBestSTerm(spec: DenseVectorSpec, threshold: (x: Float64Array, s: number) => SparseVector = hardThreshold): void {
  const x = materialise({ ...spec, length: Math.min(spec.length, 14) });
  const s = Math.min(spec.s, x.length);
  const h = threshold(x, s);
  let total = 0;
  for (const v of x) total += v * v;
  let kept = 0;
  for (const v of h.values()) kept += v * v;
  const hResidual = total - kept;
  let best = Infinity;
  for (let mask = 0; mask < 1 << x.length; mask++) {
    let bits = 0;
    let keep = 0;
    for (let i = 0; i < x.length; i++)
      if (mask & (1 << i)) {
        bits++;
        keep += x[i]! * x[i]!;
      }
    if (bits <= s) best = Math.min(best, total - keep);
  }
  expect(h.size).toBeLessThanOrEqual(s);
  expect(hResidual).toBeLessThanOrEqual(best + 1e-12 * Math.max(1, total));
}

export const realFactory: Factory = (length, capacity) => new SparseVector(length, capacity);
