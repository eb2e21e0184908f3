// The Armijo refinement of the scalar AIHT step (SPEC §3.3) never ends above the thresholded point's
// objective, and the objective it reports is that of the vector it returns.
import { describe, expect, test } from 'vitest';
import { REFERENCE_SCALAR, type ScalarStepParams } from '../src/iht/params.js';
import { stepScalar } from '../src/iht/step-scalar.js';
import { LiftedOperator } from '../src/lifted/operator.js';
import { sumSquares } from '../src/linalg/vec.js';
import { liftedInstance, type LiftedInstanceSpec } from './arbitraries/lifted-instance.js';
import { property, rejects } from './harness.js';
import { dataOf, sparseOf, vectorOf } from './instances.js';
import { PropertyViolation } from './violation.js';

const FILE = 'properties/aiht-step.prop.test.ts';

export function checkRefinement(spec: LiftedInstanceSpec, params: ScalarStepParams): void {
  const A = new LiftedOperator(dataOf(spec), spec.m, spec.seed, { kernel: 'dense' });
  const y = vectorOf(spec.seed, 'test-labels', spec.n);
  const res = stepScalar(A, y, sparseOf(spec), spec.s, params);
  const f0 = res.objective[0] ?? 0;
  const r = A.apply(res.w);
  for (let i = 0; i < r.length; i++) r[i]! -= y[i]!;
  const rising = res.objective.findIndex((f) => f > f0 * (1 + 1e-12));
  const reported = res.objective.at(-1);
  if (rising >= 0 || (reported !== undefined && Math.abs(sumSquares(r) - reported) > 1e-9 * Math.max(1, f0))) {
    throw new PropertyViolation(`objective trace ${res.objective} (f0 ${f0}); returned vector's objective ${sumSquares(r)}`, {
      objective: res.objective,
      returned: sumSquares(r),
    });
  }
}

describe('AIHT Armijo refinement', () => {
  property(
    'the objective never rises above the thresholded point, and the reported objective is the returned one',
    liftedInstance(),
    (spec) => checkRefinement(spec, REFERENCE_SCALAR),
    { numRuns: 80, file: FILE },
  );
  test('rejects a broken variant that accepts every trial step', () => {
    expect(rejects(liftedInstance(), (spec) => checkRefinement(spec, { ...REFERENCE_SCALAR, armijo: -1e300 }), 100, 5)).toBe(true);
  });
});
