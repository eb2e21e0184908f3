// Arbitrary: a vector and a sparsity s for the top-s contract, from an integer seed and small integer sizes.
// Ties are common on purpose (equal magnitudes with either sign, runs of one value, zeros): they are where
// top-s implementations differ.
import fc from 'fast-check';
import { stream } from '../../random/streams.js';

export interface TopSCaseConstraints {
  /** longest vector (default 40) */
  maxLength?: number;
}

export interface TopSCase {
  seed: number;
  length: number;
  s: number;
  /** every tieEvery-th entry repeats the previous magnitude (0: none) */
  tieEvery: number;
  /** every zeroEvery-th entry is 0 (0: none) */
  zeroEvery: number;
  /** draw magnitudes from this many distinct values (0: continuous): many-way ties */
  levels: number;
}

export function topSCase(c: TopSCaseConstraints = {}): fc.Arbitrary<TopSCase> {
  const maxLength = c.maxLength ?? 40;
  return fc
    .record({
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      length: fc.integer({ min: 1, max: maxLength }),
      s: fc.integer({ min: 1, max: maxLength + 2 }),
      tieEvery: fc.integer({ min: 0, max: 4 }),
      zeroEvery: fc.integer({ min: 0, max: 5 }),
      levels: fc.integer({ min: 0, max: 3 }),
    })
    .map((r) => ({ ...r, s: Math.min(r.s, r.length + 2) }));
}

/** The case's vector (finite values; the same case always gives the same bits). */
export function topSValues(t: TopSCase): Float64Array {
  const rng = stream(t.seed, 'contract-top-s');
  const x = new Float64Array(t.length);
  for (let i = 0; i < x.length; i++) {
    const sign = rng.uniform() < 0.5 ? -1 : 1;
    x[i] = t.levels > 0 ? sign * (1 + rng.int(t.levels)) : rng.normal();
    if (t.tieEvery > 0 && i > 0 && i % t.tieEvery === 0) x[i] = sign * Math.abs(x[i - 1]!);
    if (t.zeroEvery > 0 && i % t.zeroEvery === 1) x[i] = 0;
  }
  return x;
}
