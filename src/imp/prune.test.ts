import { describe, expect, test } from 'vitest';
import { countUnpruned, globalMagnitudePrune, pruneCount, PruneSchedule, roundHalfEven } from './prune.js';

describe('pruning arithmetic', () => {
  test('round half to even, like Python', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6, 4].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3, 4]);
    expect(pruneCount(0.1, 25)).toBe(2); // 2.5 → 2
    expect(pruneCount(0.1, 35)).toBe(4); // 3.5 → 4
    expect(pruneCount(0.1, 4)).toBe(0);
  });
  test('global magnitude pruning removes the smallest surviving weights across layers', () => {
    const w = [Float32Array.from([0.5, -0.1, 3]), Float32Array.from([-0.2, 0.05])];
    const m = [Uint8Array.from([1, 1, 1]), Uint8Array.from([1, 1])];
    expect(globalMagnitudePrune(w, m, 2)).toBe(2);
    expect(Array.from(m[0]!)).toEqual([1, 0, 1]);
    expect(Array.from(m[1]!)).toEqual([1, 0]);
    expect(w[0]![1]).toBe(0);
    expect(countUnpruned(m)).toBe(3);
    globalMagnitudePrune(w, m, 1);
    expect(Array.from(m[1]!)).toEqual([0, 0]);
  });
  test("the amount is the reference's 1 − ((1 − 0.1)·N)/N, so x.5 counts round down where 0.1·n would round up", () => {
    const N = 7505; // INR-MNIST, m = 5: 1500·5 + 5 weights
    const s = new PruneSchedule(0.1, N);
    expect(s.amount).toBe(0.09999999999999998);
    let n = N;
    for (let round = 0; round < 2; round++) {
      const next = n - pruneCount(s.amount, n);
      s.observe(n, next);
      n = next;
    }
    expect(n).toBe(6080); // the reference keeps 6,080 after round 2
    // round-half-even(0.1·n), the rule this replaced, keeps one weight fewer
    expect(7505 - pruneCount(0.1, 7505) - pruneCount(0.1, 7505 - pruneCount(0.1, 7505))).toBe(6079);
  });
  test('a round that prunes nothing switches the fraction to 1/count for good', () => {
    const s = new PruneSchedule(0.1, 100);
    s.observe(10, 9);
    expect(s.amount).toBe(0.09999999999999998);
    s.observe(4, 4);
    expect(s.amount).toBeCloseTo(0.25, 12);
    expect(pruneCount(s.amount, 4)).toBe(1);
  });
});
