// Arbitrary: a small lifted-operator instance — data X, generators h_j, a sparse weight vector w and a
// residual r — from an integer seed and small integer sizes (a failure shrinks to smaller dimensions).
import fc from 'fast-check';
import { stream } from '../../random/streams.js';

export interface LiftedCaseConstraints {
  maxN?: number;
  maxD?: number;
  maxM?: number;
  /** include instances where one generator is zero (its block is zero: the gate is strict) */
  zeroGenerators?: boolean;
}

export interface LiftedCase {
  seed: number;
  n: number;
  d: number;
  m: number;
  /** nonzeros of w */
  s: number;
  /** index of a generator set to zero, or −1 */
  zeroGenerator: number;
}

export interface LiftedCaseData {
  /** n × d row-major, float32-representable values */
  x: Float64Array;
  /** m × d row-major: h_j in row j */
  generators: Float64Array;
  /** m·d, block j = entries j·d … j·d + d − 1 */
  w: Float64Array;
  r: Float64Array;
}

export function liftedCase(c: LiftedCaseConstraints = {}): fc.Arbitrary<LiftedCase> {
  return fc
    .record({
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      n: fc.integer({ min: 1, max: c.maxN ?? 40 }),
      d: fc.integer({ min: 1, max: c.maxD ?? 5 }),
      m: fc.integer({ min: 1, max: c.maxM ?? 4 }),
      s: fc.integer({ min: 1, max: 12 }),
      zeroGenerator: c.zeroGenerators === false ? fc.constant(-1) : fc.integer({ min: -3, max: 3 }),
    })
    .map((r) => ({ ...r, s: Math.min(r.s, r.m * r.d), zeroGenerator: r.zeroGenerator < r.m ? Math.max(-1, r.zeroGenerator) : -1 }));
}

export function liftedCaseData(t: LiftedCase): LiftedCaseData {
  const rng = stream(t.seed, 'contract-lifted');
  const x = Float64Array.from({ length: t.n * t.d }, () => Math.fround(rng.normal()));
  const generators = Float64Array.from({ length: t.m * t.d }, () => rng.normal());
  if (t.zeroGenerator >= 0) generators.fill(0, t.zeroGenerator * t.d, (t.zeroGenerator + 1) * t.d);
  const w = new Float64Array(t.m * t.d);
  const free = Array.from(w.keys());
  for (let k = 0; k < t.s; k++) {
    const at = free.splice(rng.int(free.length), 1)[0]!;
    w[at] = rng.normal();
  }
  const r = Float64Array.from({ length: t.n }, () => rng.normal());
  return { x, generators, w, r };
}
