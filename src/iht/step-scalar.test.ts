import { describe, expect, test } from 'vitest';
import { LiftedOperator } from '../lifted/operator.js';
import { sumSquares } from '../linalg/vec.js';
import { hardThreshold, SparseVector } from '../sparse/sparse-vector.js';
import { liftedInstance, type LiftedInstanceSpec } from '../../properties/arbitraries/lifted-instance.js';
import { property } from '../../properties/harness.js';
import { dataOf, sparseOf, vectorOf } from '../../properties/instances.js';
import { REFERENCE_SCALAR } from './params.js';
import { KEPT_GRADIENT_MAX, stepScalar } from './step-scalar.js';

const setup = (spec: LiftedInstanceSpec) => {
  const x = dataOf(spec);
  const A = new LiftedOperator(x, spec.m, spec.seed, { kernel: 'dense' });
  const y = vectorOf(spec.seed, 'test-labels', spec.n);
  return { A, y };
};

/** Dense Aᵀv over all columns, through the oracle kernel. */
const denseAdjoint = (A: LiftedOperator, v: Float64Array) => {
  const all = Int32Array.from({ length: A.cols }, (_, i) => i);
  return A.adjointSupport(all, v, new Float64Array(A.cols));
};

describe('scalar AIHT step (SPEC §3.3)', () => {
  property(
    'without refinement it returns H_s(w − μ Aᵀ(Aw − y)) with the normalized μ',
    liftedInstance(),
    (spec) => {
      const { A, y } = setup(spec);
      const w = sparseOf(spec);
      const res = stepScalar(A, y, w, spec.s, { ...REFERENCE_SCALAR, innerSteps: 0 });
      const r = A.apply(w);
      for (let i = 0; i < r.length; i++) r[i]! -= y[i]!;
      const g = A.adjointSupport(w.indices(), r, new Float64Array(w.size));
      const ag = A.applySupport(w.indices(), g, new Float64Array(spec.n));
      const mu = sumSquares(g) / (sumSquares(ag) + 1e-8);
      expect(res.mu).toBe(mu);
      const full = denseAdjoint(A, r);
      const dense = w.toDense().map((v, c) => v - mu * full[c]!);
      const h = hardThreshold(dense, spec.s);
      // an H_s: as many entries as H_s keeps, each at least as large as anything dropped (ties — identical
      // gates give identical columns — may be broken either way), values those of the dense point
      const kept = Array.from(res.w.indices());
      expect(kept).toHaveLength(h.size);
      const keptSet = new Set(kept);
      const smallestKept = Math.min(...kept.map((c) => Math.abs(dense[c]!)));
      dense.forEach((v, c) => {
        if (!keptSet.has(c)) expect(Math.abs(v)).toBeLessThanOrEqual(smallestKept);
      });
      res.w.values().forEach((v, t) => expect(Math.abs(v - dense[kept[t]!]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))));
    },
    { numRuns: 80, file: 'src/iht/step-scalar.test.ts' },
  );

  test('step 0 (empty iterate) selects the top-s of |Aᵀy| with μ = 1e-14', () => {
    const spec = { seed: 11, n: 30, d: 4, m: 3, s: 5 };
    const { A, y } = setup(spec);
    const res = stepScalar(A, y, new SparseVector(A.cols, spec.s), spec.s, REFERENCE_SCALAR);
    expect(res.mu).toBeLessThanOrEqual(1e-14);
    const h = hardThreshold(denseAdjoint(A, y), spec.s);
    expect(Array.from(res.w.indices())).toEqual(Array.from(h.indices()));
  });

  property(
    'keeping the full gradient (m·d ≤ KEPT_GRADIENT_MAX) changes no bit of the iterates',
    liftedInstance({ maxN: 80, maxM: 20 }),
    (spec) => {
      const x = dataOf(spec);
      const y = vectorOf(spec.seed, 'test-labels', spec.n);
      const run = (limit: number) => {
        const A = new LiftedOperator(x, spec.m, spec.seed);
        let w = new SparseVector(A.cols, spec.s);
        for (let t = 0; t < 4; t++) {
          w = stepScalar(A, y, w, spec.s, { ...REFERENCE_SCALAR, innerSteps: 2 }, limit).w;
          A.setGenerators(w);
        }
        return w;
      };
      const kept = run(KEPT_GRADIENT_MAX);
      const streamed = run(0);
      expect(Array.from(kept.indices())).toEqual(Array.from(streamed.indices()));
      expect(Array.from(kept.values()).every((v, i) => Object.is(v, streamed.values()[i]))).toBe(true);
    },
    { numRuns: 40, file: 'src/iht/step-scalar.test.ts' },
  );
});
