import { describe, expect, test } from 'vitest';
import { psnr } from './psnr.js';
import { compareUpToPermutation } from './support.js';

const col = (idx: number[], val: number[]) => ({ idx: Int32Array.from(idx), val: Float64Array.from(val) });

describe('PSNR (SPEC §3.9)', () => {
  test('known answers: 20·log10(max) − 10·log10(MSE), MSE averaged over batches', () => {
    expect(psnr(Float64Array.from([0.1, 0.1]), Float64Array.from([0, 0]), 2, 1).psnr).toBeCloseTo(20, 12);
    expect(psnr(Float64Array.from([1, 0, 0]), Float64Array.from([0, 0, 0]), 3, 10).psnr).toBeCloseTo(20 - 10 * Math.log10(1 / 3), 12);
    // batches of 2 rows: MSEs 0.5 and 0 → mean 0.25
    expect(psnr(Float64Array.from([1, 0, 0, 0]), Float64Array.from([0, 0, 0, 0]), 4, 1, 2).mse).toBe(0.25);
  });
  test('an exact fit has MSE 0 and a null (infinite) PSNR', () => {
    expect(psnr(Float64Array.from([1, 2]), Float64Array.from([1, 2]), 2, 2)).toEqual({ psnr: null, mse: 0 });
  });
});

describe('recovery up to a permutation of hidden units', () => {
  const planted = [col([0, 2], [1, -2]), col([1], [3]), col([], [])];
  test('a permuted exact copy is exact', () => {
    const c = compareUpToPermutation([col([], []), col([1], [3]), col([0, 2], [1, -2])], planted);
    expect(c.relErr).toBe(0);
    expect(c.supportExact).toBe(true);
    expect(c.matchedUnits).toBe(2);
  });
  test('a missing unit or a wrong support is caught, the relative error is measured', () => {
    const missing = compareUpToPermutation([col([0, 2], [1, -2])], planted);
    expect(missing.supportExact).toBe(false);
    expect(missing.relErr).toBeCloseTo(3 / Math.sqrt(14), 12);
    const wrong = compareUpToPermutation([col([0], [1]), col([1], [3])], planted);
    expect(wrong.supportExact).toBe(false);
    expect(wrong.relErr).toBeCloseTo(2 / Math.sqrt(14), 12);
  });
});

describe('coordinate-wise recovery (known positions)', () => {
  test('exact, wrong support, and relative error', async () => {
    const { SparseVector } = await import('../sparse/sparse-vector.js');
    const { compareCoordinates } = await import('./support.js');
    const star = SparseVector.fromEntries(6, 2, [1, 4], [3, -4]);
    expect(compareCoordinates(SparseVector.fromEntries(6, 2, [1, 4], [3, -4]), star)).toEqual({ relErr: 0, supportExact: true });
    const off = compareCoordinates(SparseVector.fromEntries(6, 2, [1, 5], [3, -4]), star);
    expect(off.supportExact).toBe(false);
    expect(off.relErr).toBeCloseTo(Math.sqrt(32) / 5, 14);
    // a stored zero is not part of the support
    expect(compareCoordinates(SparseVector.fromEntries(6, 3, [1, 2, 4], [3, 0, -4]), star).supportExact).toBe(true);
  });
});
