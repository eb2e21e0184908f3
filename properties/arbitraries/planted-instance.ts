// Arbitrary: a planted one-hidden-layer instance with its fixed dictionary, from integer seeds and
// small integer dimensions. The seed never shrinks; shrinking moves to smaller d, m, s, s′, extra.
import fc from 'fast-check';
import type { PlantedWeights } from '../../src/network/plant.js';

export interface PlantedInstanceConstraints {
  maxD?: number;
  maxM?: number;
  /** planted nonzeros budget (gaussian weights) */
  maxS?: number;
  /** per-unit sparsity s′ (Assumption-1 weights) */
  maxSPrime?: number;
  /** extra random generators in the dictionary */
  maxExtra?: number;
  /** sample size range */
  minN?: number;
  maxN?: number;
  /** planted weight kinds to draw from (default: all three) */
  weights?: readonly PlantedWeights[];
}

export interface PlantedInstanceSpec {
  seed: number;
  d: number;
  m: number;
  s: number;
  sPrime: number;
  extra: number;
  n: number;
  weights: PlantedWeights;
}

export function plantedInstance(c: PlantedInstanceConstraints = {}): fc.Arbitrary<PlantedInstanceSpec> {
  const maxD = c.maxD ?? 4;
  return (
    fc
      .record({
        seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
        d: fc.integer({ min: 2, max: maxD }),
        m: fc.integer({ min: 1, max: c.maxM ?? 3 }),
        s: fc.integer({ min: 1, max: c.maxS ?? 4 }),
        sPrime: fc.integer({ min: 1, max: c.maxSPrime ?? 2 }),
        extra: fc.integer({ min: 0, max: c.maxExtra ?? 2 }),
        n: fc.integer({ min: c.minN ?? 200, max: c.maxN ?? 600 }),
        weights: fc.constantFrom(...(c.weights ?? (['gaussian', 'binary', 'sign'] as const))),
      })
      .map((r) => ({ ...r, sPrime: Math.min(r.sPrime, r.d) }))
      // Assumption-1 units must be distinct: at most C(d, s′)·(2^s′ for signs) of them exist.
      .filter((r) => r.weights === 'gaussian' || r.m <= maxDistinctUnits(r.d, r.sPrime, r.weights))
  );
}

function maxDistinctUnits(d: number, sPrime: number, weights: PlantedWeights): number {
  let c = 1;
  for (let i = 1; i <= sPrime; i++) c = (c * (d - sPrime + i)) / i;
  return weights === 'sign' ? c * 2 ** sPrime : c;
}
