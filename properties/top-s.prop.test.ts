import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { property } from './harness.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import { denseVector } from './arbitraries/dense-vector.js';
import { checkStreamingEqualsDense, realFactory, type Factory } from './top-s.suite.js';

const FILE = 'properties/top-s.prop.test.ts';

describe('hard thresholding', () => {
  property('streaming top-s written block by block equals H_s', denseVector(), (spec) => checkStreamingEqualsDense(spec, realFactory), {
    numRuns: 200,
    file: FILE,
  });
});

describe('the top-s properties reject broken variants', () => {
  test('a vector that keeps only s − 1 entries fails streaming = H_s', () => {
    const keepsOneLess: Factory = (length, capacity) => new SparseVector(length, Math.max(1, capacity - 1));
    expect(() =>
      fc.assert(
        fc.property(denseVector(), (spec) => checkStreamingEqualsDense(spec, keepsOneLess)),
        { numRuns: 200, seed: 3 },
      ),
    ).toThrow();
  });
});
