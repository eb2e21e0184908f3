// Arbitrary: a small lifted-operator instance, built from integer seeds and small integer sizes.
// The seed does not shrink, so a failure shrinks towards smaller dimensions, never to odd floats.
import fc from 'fast-check';

export interface LiftedInstanceConstraints {
  maxN?: number;
  maxD?: number;
  maxM?: number;
  /** largest support size drawn for the sparse vectors */
  maxS?: number;
}

export interface LiftedInstanceSpec {
  seed: number;
  n: number;
  d: number;
  m: number;
  s: number;
}

export function liftedInstance(c: LiftedInstanceConstraints = {}): fc.Arbitrary<LiftedInstanceSpec> {
  const maxN = c.maxN ?? 40;
  const maxD = c.maxD ?? 6;
  const maxM = c.maxM ?? 5;
  return fc
    .record({
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      n: fc.integer({ min: 1, max: maxN }),
      d: fc.integer({ min: 1, max: maxD }),
      m: fc.integer({ min: 1, max: maxM }),
      s: fc.integer({ min: 1, max: c.maxS ?? 12 }),
    })
    .map((r) => ({ ...r, s: Math.min(r.s, r.m * r.d) }));
}
