// Arbitrary: a two-layer ReLU net with explicit output weights (u_j, v_j), plus a positive rescaling
// factor c = num/den and a permutation seed, all from integers.
import fc from 'fast-check';

export interface TwoLayerNetConstraints {
  maxN?: number;
  maxD?: number;
  maxM?: number;
}

export interface TwoLayerNetSpec {
  seed: number;
  n: number;
  d: number;
  m: number;
  /** nonzeros per unit */
  perUnit: number;
  /** rescaling c = num / den */
  num: number;
  den: number;
}

export function twoLayerNet(c: TwoLayerNetConstraints = {}): fc.Arbitrary<TwoLayerNetSpec> {
  return fc
    .record({
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      n: fc.integer({ min: 1, max: c.maxN ?? 50 }),
      d: fc.integer({ min: 1, max: c.maxD ?? 6 }),
      m: fc.integer({ min: 1, max: c.maxM ?? 5 }),
      perUnit: fc.integer({ min: 1, max: 6 }),
      num: fc.integer({ min: 1, max: 9 }),
      den: fc.integer({ min: 1, max: 9 }),
    })
    .map((r) => ({ ...r, perUnit: Math.min(r.perUnit, r.d) }));
}
