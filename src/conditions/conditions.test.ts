import { describe, expect, test } from 'vitest';
import { CONDITIONS_FIELDS } from '../config/conditions.js';
import { defaults } from '../config/fields.js';
import { LiftedOperator } from '../lifted/operator.js';
import { symmetricEigenvalues } from '../linalg/symeig.js';
import { solveSpd } from '../linalg/cholesky.js';
import { angle, expectedGramBlock } from './expected-gram.js';
import { measureConditions } from './measure.js';
import { patternStats } from './patterns.js';
import { binomial, forEachSubset } from './restricted-eigs.js';
import { VectorGenerators } from '../lifted/generators.js';
import { SparseVector } from '../sparse/sparse-vector.js';

describe('small linear algebra', () => {
  test('Jacobi eigenvalues: known answers', () => {
    expect(Array.from(symmetricEigenvalues([2, 1, 1, 2], 2)).map((v) => +v.toFixed(12))).toEqual([1, 3]);
    const ev = symmetricEigenvalues([4, 1, 0, 1, 3, 1, 0, 1, 2], 3);
    expect(ev[0]! + ev[1]! + ev[2]!).toBeCloseTo(9, 12);
    expect(ev[0]! * ev[1]! * ev[2]!).toBeCloseTo(4 * 5 - 1 * 2, 10);
  });
  test('Cholesky solve, and a clear error on a matrix that is not positive definite', () => {
    expect(Array.from(solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)).map((v) => +v.toFixed(12))).toEqual([0.5, 0]);
    expect(() => solveSpd(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(/positive definite/);
  });
  test('subsets and binomials agree', () => {
    let count = 0;
    forEachSubset(7, 3, () => count++);
    expect(count).toBe(binomial(7, 3));
    expect(binomial(5, 0)).toBe(1);
    expect(binomial(3, 4)).toBe(0);
  });
});

describe('closed-form expected Gram', () => {
  test('θ = 0 gives ½·I, θ = π gives 0, the block is symmetric and depends on directions only', () => {
    const a = [1, 2, -1];
    const half = expectedGramBlock(
      a,
      a.map((v) => 3 * v),
    );
    half.forEach((v, i) => expect(v).toBeCloseTo(i % 4 === 0 ? 0.5 : 0, 12));
    expectedGramBlock(
      a,
      a.map((v) => -v),
    ).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-12));
    const b = expectedGramBlock([0.3, -1, 2], [1, 0.5, 0.2]);
    for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) expect(b[p * 3 + q]).toBeCloseTo(b[q * 3 + p]!, 14);
    expect(angle([1, 0], [0, 2])).toBeCloseTo(Math.PI / 2, 14);
  });
  test('orthogonal generators in 2-D: E = ¼·I + (1/2π)·(off-diagonal)', () => {
    const E = expectedGramBlock([1, 0], [0, 1]);
    expect(E[0]).toBeCloseTo(0.25, 14);
    expect(E[1]).toBeCloseTo(1 / (2 * Math.PI), 14);
    expect(E[3]).toBeCloseTo(0.25, 14);
  });
});

describe('coverage and separation', () => {
  test('known patterns', () => {
    // rows x = (1,0), (0,1), (-1,0), (0,-1); generators e1 and e2
    const x = { rows: 4, cols: 2, data: Float32Array.from([1, 0, 0, 1, -1, 0, 0, -1]) };
    const A = new LiftedOperator(x, 2, 0);
    A.setGenerators(new VectorGenerators(SparseVector.fromEntries(4, 2, [0, 3], [1, 1]), 2, 2));
    const st = patternStats(A);
    expect(st.coverage).toBe(0.25);
    expect(st.separation).toBe(0.5);
    expect(st.liveBlocks).toBe(2);
  });
});

describe('conditions report', () => {
  test('tiny instance: exact enumeration certifies identifiability; predictions sit next to measurements', () => {
    const r = measureConditions({ ...defaults(CONDITIONS_FIELDS), m: 2, s: 2, d: 3, n: 600, extraGenerators: 1, seed: 4, weights: 'binary', sPrime: 1 });
    expect(r.identifiability?.method).toBe('exact');
    expect(r.verdict.certified).toBe(true);
    expect(r.verdict.identifiable).toBe('yes');
    expect(r.coverage.predicted).toBe(0.5);
    expect(Math.abs(r.coverage.measured - 0.5)).toBeLessThan(0.1);
    expect(r.plantedSupport!.alpha).toBeGreaterThan(0);
    expect(Math.abs(r.plantedSupport!.alpha - r.plantedSupport!.predictedAlpha)).toBeLessThan(0.1);
    expect(r.sTildeRequired).toBeGreaterThanOrEqual(32 * r.plantedNnz);
    expect(r.verdict.theoremConditionsHold).toBe(r.theorem!.sTilde >= r.sTildeRequired! ? 'yes' : 'no');
  });
  test('larger instance: levels are sampled and called estimates', () => {
    const r = measureConditions({ ...defaults(CONDITIONS_FIELDS), m: 4, s: 8, d: 10, n: 1000, extraGenerators: 4, seed: 1, samples: 20 });
    expect(r.identifiability?.method).toBe('sampled');
    expect(r.identifiability?.supports).toBe(20);
    expect(r.verdict.certified).toBe(false);
  });
});
