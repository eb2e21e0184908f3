// Arbitrary: a dense vector described by integers (seed, length, block size, count of exact zeros
// and of tied magnitudes), materialised deterministically; shrinking moves to shorter vectors.
import fc from 'fast-check';

export interface DenseVectorConstraints {
  maxLength?: number;
  maxBlock?: number;
}

export interface DenseVectorSpec {
  seed: number;
  length: number;
  block: number;
  s: number;
  /** every `tieEvery`-th entry copies the magnitude of its predecessor (exercises tie-breaking); 0 = none */
  tieEvery: number;
  zeroEvery: number;
}

export function denseVector(c: DenseVectorConstraints = {}): fc.Arbitrary<DenseVectorSpec> {
  const maxLength = c.maxLength ?? 60;
  return fc.record({
    seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    length: fc.integer({ min: 1, max: maxLength }),
    block: fc.integer({ min: 1, max: c.maxBlock ?? 12 }),
    s: fc.integer({ min: 1, max: maxLength }),
    tieEvery: fc.integer({ min: 0, max: 4 }),
    zeroEvery: fc.integer({ min: 0, max: 4 }),
  });
}
