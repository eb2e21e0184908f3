import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { numpyArgsort } from './numpy-argsort.js';
import { SparseVector } from './sparse-vector.js';

// written by scripts/numpy-argsort-kat.py with NumPy 1.24.2 (the reference fixtures' version)
const K = JSON.parse(readFileSync(new URL('../../test/fixtures/numpy-argsort-kat.json', import.meta.url), 'utf8'));

describe("NumPy's argsort (float64, default kind)", () => {
  test(`equals NumPy ${K.numpy} on ${K.cases.length} arrays full of ties (2 to 1000 elements)`, () => {
    for (const c of K.cases) expect(Array.from(numpyArgsort(c.values))).toEqual(c.argsort);
  });
  test('a stable sort is not what NumPy does (ties come out in another order)', () => {
    const stable = (v: number[]) =>
      v
        .map((x, i) => [x, i] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map(([, i]) => i);
    const differing = K.cases.filter((c: { values: number[]; argsort: number[] }) => JSON.stringify(stable(c.values)) !== JSON.stringify(c.argsort));
    expect(differing.length).toBeGreaterThan(K.cases.length / 3);
  });
});

describe('top-s under the reference tie rule', () => {
  test("among equal magnitudes straddling the cut the survivor is NumPy's, not the smaller index", () => {
    // two identical blocks (as two hidden units with one gate pattern give): every value appears twice
    const block = Float64Array.from([0.3, -0.1, 0.2, 0.05]);
    const write = (ties: 'index' | 'numpy') => {
      const v = new SparseVector(8, 3, null, ties);
      v.writeBlock(0, block);
      v.writeBlock(4, block);
      return Array.from(v.indices());
    };
    expect(write('index')).toEqual([0, 2, 4]);
    // the reference's array when block 1 arrives: block 0's survivors 0, 1, 2 and all of block 1, by index;
    // it keeps the last 3 of argsort(|values|)
    const at = [0, 1, 2, 4, 5, 6, 7];
    const imp = [0.3, 0.1, 0.2, 0.3, 0.1, 0.2, 0.05];
    const keep = Array.from(numpyArgsort(imp).subarray(imp.length - 3))
      .sort((a, b) => a - b)
      .map((p) => at[p]);
    expect(write('numpy')).toEqual(keep);
    expect(write('numpy')).not.toEqual(write('index'));
  });
  test('without ties at the cut both rules keep the same entries', () => {
    const v = (ties: 'index' | 'numpy') => {
      const s = new SparseVector(12, 4, null, ties);
      s.writeBlock(0, Float64Array.from([0.5, 0.1, -0.9, 0.3]));
      s.writeBlock(4, Float64Array.from([0.2, -0.7, 0.1, 0.1]));
      s.writeBlock(8, Float64Array.from([0.4, 0.05, 0.6, 0.1]));
      return Array.from(s.indices());
    };
    expect(v('numpy')).toEqual(v('index'));
  });
});
