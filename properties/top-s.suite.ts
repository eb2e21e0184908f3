// Streaming top-s: writing a dense vector block by block into an empty sparse vector of capacity s
// must give exactly H_s. That H_s is a best s-term approximation is the public top-s contract
// (src/contracts/top-s.ts), run on our selections in contracts.prop.test.ts.
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

export const realFactory: Factory = (length, capacity) => new SparseVector(length, capacity);
