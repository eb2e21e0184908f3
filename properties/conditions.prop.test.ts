// The theorem's conditions, measured on tiny planted instances (exact enumeration). Stated sample size
// for RSC/RSS: n ≥ 200 with at most 12 lifted columns, i.e. n ≥ 16·(p·d).
// Found by the nightly budget and kept as lessons: Assumption 1 alone does not give RSC — a random
// extra generator ~2° from a planted ±1 unit had the same pattern on all 200 samples, and complementary
// ±1 units make exact dependencies although every pattern is distinct. So RSC is claimed where the
// closed-form population α_2s is bounded away from 0 (Lemma 1's concentration argument).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectedGramBlock } from '../src/conditions/expected-gram.js';
import { plantedInstance } from './arbitraries/planted-instance.js';
import { fullGram, liveColumns, restrictedEigsExact } from '../src/conditions/restricted-eigs.js';
import { VectorGenerators } from '../src/lifted/generators.js';
import { LiftedOperator } from '../src/lifted/operator.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import {
  ALPHA_FLOOR,
  POPULATION_ALPHA_MIN,
  RSC_CONCENTRATION,
  populationEigs,
  identifiabilityData,
  checkDuplicateDetected,
  checkGramConverges,
  checkIdentifiable,
  checkPatternsMatchPrediction,
  checkRsc,
  withDuplicatedGenerator,
} from './conditions.suite.js';
import { property, rejects } from './harness.js';
import { theoryInstance, type TheoryInstance } from './instances.js';

const FILE = 'properties/conditions.prop.test.ts';
// Assumption 1 (binary or ±1 hidden weights, distinct units) makes every planted pattern distinct.
const assumptionOne = plantedInstance({ maxD: 3, maxM: 2, maxExtra: 2, maxSPrime: 2, minN: 200, maxN: 600, weights: ['binary', 'sign'] });
const anyWeights = plantedInstance({ maxD: 3, maxM: 2, maxExtra: 2, maxS: 3, maxSPrime: 2, minN: 200, maxN: 600 });
const gramSpec = fc.record({
  seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  d: fc.integer({ min: 2, max: 4 }),
  p: fc.integer({ min: 2, max: 3 }),
});
const largeN = plantedInstance({ maxD: 4, maxM: 3, maxExtra: 3, maxSPrime: 2, minN: 4000, maxN: 8000, weights: ['binary', 'sign'] });
const scale = fc.integer({ min: 1, max: 5 });

describe('RSC/RSS', () => {
  property(
    `n ≥ 16·p·d and population α_2s ≥ 0.02 (closed form) ⇒ empirical α_2s ≥ α(1 − δ) and β_2s ≤ β(1 + δ), δ = ${RSC_CONCENTRATION}·(√(L/n) + L/n), L = k + ln #supports (exact)`,
    anyWeights,
    (spec) => checkRsc(theoryInstance(spec)),
    { numRuns: 40, file: FILE },
  );
  property('the empirical Gram converges to the closed-form E[(1/n)AᵀA] like 1/√n', gramSpec, (spec) => checkGramConverges(spec), { numRuns: 8, file: FILE });
});

describe('identifiability (exhaustive)', () => {
  property(
    'whenever α_2s > 0, no other s-sparse vector fits y (residual ≥ ½·α_2s·min w*²)',
    anyWeights,
    (spec) => {
      const t = theoryInstance(spec);
      fc.pre(identifiabilityData(t).eig.alpha > ALPHA_FLOOR);
      checkIdentifiable(t);
    },
    { numRuns: 40, file: FILE },
  );
  property(
    'counterpart: a duplicated pattern makes the instance non-identifiable, and it is detected',
    fc.tuple(assumptionOne, scale),
    ([spec, c]) => checkDuplicateDetected(withDuplicatedGenerator(theoryInstance(spec), c)),
    { numRuns: 30, file: FILE },
  );
});

describe('coverage and separation', () => {
  property('coverage ≈ ½ and separation ≈ min angle/π (Gaussian data)', largeN, (spec) => checkPatternsMatchPrediction(theoryInstance(spec)), {
    numRuns: 20,
    file: FILE,
  });
});

/** The previous RSC check: only that the empirical α_2s is positive (a rank check). */
function rankOnly(t: TheoryInstance, gram: (t: TheoryInstance) => Float64Array): void {
  const live = liveColumns(t.A);
  const eig = restrictedEigsExact(gram(t), t.A.cols, Math.min(2 * t.wStar.size, live.length), live);
  if (!(eig.alpha > ALPHA_FLOOR && Number.isFinite(eig.beta))) throw new Error(`α_2s = ${eig.alpha}`);
}

/** An operator whose blocks are all scaled by c (its Gram by c²): same patterns, same rank, wrong size. */
const scaledBlocks = (c: number) => (t: TheoryInstance) => {
  const x = t.A.x;
  const A = new LiftedOperator({ rows: x.rows, cols: x.cols, data: Float64Array.from(x.data, (v) => v * c) }, t.blocks, t.spec.seed);
  A.setGenerators(t.A.generators);
  return fullGram(A);
};

describe('the condition properties reject broken variants', () => {
  test('RSC: blocks scaled by 0.1 pass the old rank check but fail the concentration bound', () => {
    expect(
      rejects(
        anyWeights,
        (spec) => {
          const t = theoryInstance(spec);
          fc.pre(populationEigs(t, liveColumns(t.A), Math.min(2 * t.wStar.size, liveColumns(t.A).length)).alpha >= POPULATION_ALPHA_MIN);
          rankOnly(t, scaledBlocks(0.1));
        },
        40,
      ),
    ).toBe(false);
    expect(rejects(anyWeights, (spec) => checkRsc(theoryInstance(spec), scaledBlocks(0.1)), 40)).toBe(true);
  });
  test('RSC fails when the measured Gram comes from a kernel that gives every block the same gate', () => {
    const oneGate = (t: TheoryInstance) => {
      const A = new LiftedOperator(t.A.x, t.blocks, t.spec.seed);
      A.setGenerators(new VectorGenerators(allOnes(t.blocks, t.spec.d), t.spec.d, t.blocks));
      return fullGram(A);
    };
    expect(rejects(anyWeights, (spec) => checkRsc(theoryInstance(spec), oneGate), 40)).toBe(true);
  });
  test('identifiability fails on an instance with a duplicated pattern', () => {
    expect(rejects(assumptionOne, (spec) => checkIdentifiable(withDuplicatedGenerator(theoryInstance(spec), 2)), 20)).toBe(true);
  });
  test('duplicate detection fails on the identifiable instance itself', () => {
    expect(rejects(assumptionOne, (spec) => checkDuplicateDetected(theoryInstance(spec)), 20)).toBe(true);
  });
  test('a wrong closed form (evaluated at the supplementary angle π − θ) fails Gram convergence', () => {
    const supplementary = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      expectedGramBlock(
        a,
        Array.from(b, (v) => -v),
      );
    expect(rejects(gramSpec, (spec) => checkGramConverges(spec, supplementary), 5)).toBe(true);
  });
  test('a wrong separation prediction (θ/2π) fails the pattern check', () => {
    expect(rejects(largeN, (spec) => checkPatternsMatchPrediction(theoryInstance(spec), (th) => th / (2 * Math.PI)), 10)).toBe(true);
  });
});

function allOnes(blocks: number, d: number): SparseVector {
  const idx = Array.from({ length: blocks * d }, (_, i) => i);
  return SparseVector.fromEntries(
    blocks * d,
    blocks * d,
    idx,
    idx.map(() => 1),
  );
}
