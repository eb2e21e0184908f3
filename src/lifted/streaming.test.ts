import { describe, expect, test } from 'vitest';
import { SparseVector } from '../sparse/sparse-vector.js';
import { dataOf, relDiff, vectorOf } from '../../properties/instances.js';
import { LiftedOperator } from './operator.js';

describe('streaming kernel, batched gradient sweep', () => {
  // Regression (found by the determinism property): a zero or cached block before an uncached one left
  // a hole in the per-batch scratch.
  test('zero and cached blocks before live ones: the sweep still equals the dense oracle', () => {
    const spec = { seed: 8, n: 61, d: 3, m: 4, s: 4 };
    const x = dataOf(spec);
    const w = SparseVector.fromEntries(12, 4, [4, 7, 9, 11], [0.5, -1, 2, 0.3]); // block 0 zero
    const r = vectorOf(8, 'r', spec.n);
    const stream = new LiftedOperator(x, 4, 8, { kernel: 'streaming', rowChunk: 32 });
    const dense = new LiftedOperator(x, 4, 8, { kernel: 'dense' });
    stream.setGenerators(w);
    dense.setGenerators(w);
    stream.applySupport([0, 9], [1, 1], new Float64Array(spec.n)); // caches block 0 (zero) and block 3
    const got = stream.adjointBlocks(0, 4, r, new Float64Array(12));
    expect(relDiff(got, dense.adjointBlocks(0, 4, r, new Float64Array(12)))).toBeLessThanOrEqual(1e-12);
  });
});
