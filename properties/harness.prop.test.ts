// The harness itself: a property cut short by its time limit must fail, not pass on fewer cases.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkProperty, BUDGET, RUN_SEED } from './harness.js';

const FILE = 'properties/harness.prop.test.ts';
const slow = (ms: number) => () => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};

describe('property harness', () => {
  test('an interrupted property fails and says how many of its runs it made; the previous options passed it', () => {
    const arb = fc.integer();
    const out = checkProperty('slow', arb, slow(20), { numRuns: 50, file: FILE, timeLimitMs: 100 });
    const asked = Math.ceil(50 * BUDGET.runs);
    expect(out.failure).toMatch(new RegExp(`interrupted by its 100 ms limit after \\d+ of ${asked} runs`));
    expect(out.numRuns).toBeLessThan(asked);
    // what the harness did before: interruptAfterTimeLimit without marking it as a failure
    const before = fc.check(fc.property(arb, slow(20)), { seed: RUN_SEED, numRuns: 50, interruptAfterTimeLimit: 100 });
    expect(before.failed).toBe(false);
    expect(before.interrupted).toBe(true);
  });
  test('a property that finishes its runs passes and reports them', () => {
    expect(checkProperty('fast', fc.integer(), () => {}, { numRuns: 20, file: FILE })).toEqual({ failure: null, numRuns: Math.ceil(20 * BUDGET.runs) });
  });
});
