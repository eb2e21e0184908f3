import { describe, expect, test } from 'vitest';
import { twoLayerNet } from './arbitraries/two-layer-net.js';
import { property, rejects } from './harness.js';
import { checkPermutation, checkRescaling, type Compare, type Rescale } from './invariance.suite.js';

const FILE = 'properties/invariance.prop.test.ts';
const nets = twoLayerNet();

describe('invariances of the two-layer ReLU net', () => {
  property('positive rescaling (u, v) → (c·u, v/c) keeps the lifted weights and the outputs; A w = forward pass', nets, (spec) => checkRescaling(spec), {
    numRuns: 100,
    file: FILE,
  });
  property('permuting hidden units keeps the outputs; recovery metrics match units up to permutation', nets, (spec) => checkPermutation(spec), {
    numRuns: 100,
    file: FILE,
  });
});

describe('the invariance properties reject broken variants', () => {
  test('rescaling both layers by c (not c and 1/c) is caught', () => {
    const wrong: Rescale = (t, c) => ({ units: t.units.map((u) => ({ idx: u.idx, val: u.val.map((v) => v * c) })), v: t.v.map((v) => v * c) });
    expect(rejects(nets, (spec) => checkRescaling(spec, wrong))).toBe(true);
  });
  test('comparing units block by block, without matching, is caught', () => {
    const blockwise: Compare = (a, b) => {
      const x = a.toDense();
      const y = b.toDense();
      let num = 0;
      let den = 0;
      x.forEach((v, i) => {
        num += (v - y[i]!) ** 2;
        den += v * v;
      });
      return Math.sqrt(num / den);
    };
    expect(rejects(nets, (spec) => checkPermutation(spec, blockwise))).toBe(true);
  });
});
