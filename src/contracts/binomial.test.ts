import { describe, expect, test } from 'vitest';
import { allowedFailures, binomialTail } from './binomial.js';

describe('binomial tail', () => {
  test('agrees with the closed forms P(X ≥ 0) = 1, P(X ≥ n) = pⁿ, P(X ≥ 1) = 1 − (1 − p)ⁿ', () => {
    expect(binomialTail(10, 0, 0.3)).toBeCloseTo(1, 14);
    expect(binomialTail(10, 10, 0.3)).toBeCloseTo(0.3 ** 10, 18);
    expect(binomialTail(10, 1, 0.3)).toBeCloseTo(1 - 0.7 ** 10, 14);
  });
  test('P(Bin(10, 0.01) ≥ 2), the chance that 9-of-10 fails at a 1 % rate, is 0.43 %', () => {
    expect(binomialTail(10, 2, 0.01)).toBeCloseTo(1 - 0.99 ** 10 - 10 * 0.01 * 0.99 ** 9, 15);
    expect(binomialTail(10, 2, 0.01)).toBeGreaterThan(0.0042);
    expect(binomialTail(10, 2, 0.01)).toBeLessThan(0.0044);
  });
  test('allowed failures: the smallest a with P(X > a) ≤ chance', () => {
    for (const [n, p] of [
      [40, 0.015],
      [6, 0.015],
      [17, 0.05],
    ] as const) {
      const a = allowedFailures(n, p, 1e-4);
      expect(binomialTail(n, a + 1, p)).toBeLessThanOrEqual(1e-4);
      expect(a === 0 || binomialTail(n, a, p) > 1e-4).toBe(true);
    }
    expect(allowedFailures(40, 0.015, 1e-4)).toBe(5);
    expect(allowedFailures(5, 0, 1e-4)).toBe(0);
  });
});
