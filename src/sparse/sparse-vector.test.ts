import { describe, expect, test } from 'vitest';
import { hardThreshold, SparseVector } from './sparse-vector.js';
import { CountSketch, sketchWidth } from './count-sketch.js';

describe('SparseVector.writeBlock (reference update_block semantics)', () => {
  test('stored entries are overwritten, even with zero; new zeros are not stored', () => {
    const v = SparseVector.fromEntries(10, 4, [2, 5], [1, 2]);
    v.writeBlock(4, Float64Array.from([0, 0, 3]));
    expect(Array.from(v.indices())).toEqual([2, 5, 6]);
    expect(Array.from(v.values())).toEqual([1, 0, 3]);
  });
  test('over capacity, the largest magnitudes survive, ties to the smaller index', () => {
    const v = new SparseVector(8, 2);
    v.writeBlock(0, Float64Array.from([1, -3, 2, 3]));
    expect(Array.from(v.indices())).toEqual([1, 3]);
    v.writeBlock(4, Float64Array.from([-3, 0, 5, 0]));
    expect(Array.from(v.indices())).toEqual([1, 6]);
    expect(Array.from(v.values())).toEqual([-3, 5]);
  });
  test('capacity is clipped to the length, as the reference does', () => {
    expect(new SparseVector(3, 10).capacity).toBe(3);
  });
  test('non-finite values and out-of-range blocks are refused with the index named', () => {
    const v = new SparseVector(5, 2);
    expect(() => v.writeBlock(1, Float64Array.from([1, NaN]))).toThrow(/index 2/);
    expect(() => v.writeBlock(4, Float64Array.from([1, 1]))).toThrow(/outside/);
    expect(() => SparseVector.fromEntries(5, 2, [3, 1], [1, 1])).toThrow(/increasing/);
  });
  test('dense blocks and zero tests read the right window', () => {
    const v = SparseVector.fromEntries(12, 5, [1, 4, 7], [1, 2, 3]);
    expect(Array.from(v.denseBlock(4, new Float64Array(4)))).toEqual([2, 0, 0, 3]);
    expect(v.blockIsZero(8, 4)).toBe(true);
    expect(v.blockIsZero(0, 2)).toBe(false);
    expect(v.at(7)).toBe(3);
    expect(v.at(8)).toBe(0);
  });
  test('hardThreshold never keeps zeros', () => {
    expect(Array.from(hardThreshold(Float64Array.from([0, 0, 1]), 3).indices())).toEqual([2]);
  });
});

describe('count sketch (SPEC §3.5)', () => {
  test('width is ⌊s·max(1, ln(N/s))⌋', () => {
    expect(sketchWidth(1000, 10)).toBe(Math.floor(10 * Math.log(100)));
    expect(sketchWidth(10, 10)).toBe(10);
  });
  test('a lone coordinate is estimated exactly; accumulation adds up', () => {
    const cs = new CountSketch(10_000, 50);
    cs.add(1234, 0.5);
    cs.add(1234, 0.25);
    expect(cs.estimate(1234)).toBe(0.75);
  });
  test('with a sketch, importance is the |estimated accumulated delta|, not |value|', () => {
    const v = SparseVector.withSketch(100, 1);
    v.writeBlock(0, Float64Array.from([10, 0.1]), Float64Array.from([0.01, 5]));
    expect(Array.from(v.indices())).toEqual([1]);
  });
  test('copies share the sketch object (reference behaviour)', () => {
    const v = SparseVector.withSketch(100, 3);
    expect(v.copy().sketch).toBe(v.sketch);
  });
});

describe('SparseVector.head', () => {
  test('keeps the entries below the limit, as a vector of that length', () => {
    const h = SparseVector.fromEntries(10, 4, [1, 5, 7, 9], [1, 2, 3, 4]).head(7);
    expect(h.length).toBe(7);
    expect(Array.from(h.indices())).toEqual([1, 5]);
    expect(Array.from(h.values())).toEqual([1, 2]);
    expect(SparseVector.fromEntries(10, 2, [8, 9], [1, 1]).head(5).size).toBe(0);
  });
});
