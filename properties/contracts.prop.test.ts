// The public contracts (src/contracts, sparse-recovery-lab/contracts) run on this project's own
// implementations on every test run, under the run's property seed and budget; and each contract rejects a
// deliberately broken implementation, with a result that names the failure and replays it.
import { describe, expect, test } from 'vitest';
import {
  checkAdapter,
  checkIdentifiability,
  checkIhtSolver,
  checkLiftedOperator,
  checkRestrictedEigenvalues,
  checkTopS,
  type ContractResult,
  type LiftedOperatorFactory,
  type TopS,
} from '../src/contracts/index.js';
import * as ours from '../src/contracts/ours.js';
import { KERNELS } from '../src/lifted/operator.js';
import { hardThreshold, SparseVector } from '../src/sparse/sparse-vector.js';
import { BUDGET, RUN_SEED } from './harness.js';

/** The run's seed and budget (PBT_SEED, PBT_BUDGET) applied to a contract's default run count. */
const budget = (runs: number) => ({ seed: RUN_SEED, numRuns: Math.max(1, Math.ceil(runs * BUDGET.runs)), timeLimitMs: BUDGET.timeLimitMs });

/** A passing result, or a failure whose message carries everything needed to replay it. */
function expectOk(r: ContractResult): void {
  if (!r.ok) throw new Error(`${r.property} failed after ${r.runs} runs: ${r.error}\ncounterexample: ${JSON.stringify(r.counterexample)}\nreplay: ${r.replay}`);
  expect(r.runs).toBeGreaterThan(0);
}

/** A rejection of a broken variant: the failing part named, a counterexample and a replay line that reproduces it. */
function expectRejected(r: ContractResult, property: RegExp, replay: (seed: number, path: string | null) => ContractResult): void {
  expect(r.ok).toBe(false);
  expect(r.property).toMatch(property);
  expect(r.counterexample).not.toBeNull();
  expect(r.replay).toMatch(/^check\w+\(\w+, \{ seed: -?\d+/);
  const again = replay(r.seed, r.path);
  expect(again.ok).toBe(false);
  expect(again.error).toBe(r.error);
}

/** Our streaming selection, written in blocks of 3: equals H_s under the project's index tie order. */
const streamingTopS: TopS = (x, s) => {
  const v = new SparseVector(x.length, s);
  for (let a = 0; a < x.length; a += 3) v.writeBlock(a, x.slice(a, a + 3));
  return Array.from(v.indices());
};
const indexOrderTopS: TopS = (x, s) => Array.from(hardThreshold(x, s).indices());

describe('contracts on our implementations', () => {
  test('topS: our selection meets the contract with NumPy ties; H_s and the streaming selection with any ties', () => {
    expectOk(checkTopS(ours.topS, { ...budget(300), ties: 'numpy' }));
    expectOk(checkTopS(indexOrderTopS, budget(300)));
    expectOk(checkTopS(streamingTopS, budget(300)));
  });
  test.each([...KERNELS])('liftedOperator: the %s kernel', (kernel) => {
    expectOk(checkLiftedOperator(ours.liftedOperatorOn(kernel), budget(100)));
  });
  test('solve: our AIHT (30 steps, k = 1) recovers the planted regime', () => {
    expectOk(checkIhtSolver(ours.solve, budget(40)));
  });
  test('restrictedEigenvalues and identifiable: exhaustive enumeration', () => {
    expectOk(checkRestrictedEigenvalues(ours.restrictedEigenvalues, budget(100)));
    expectOk(checkIdentifiability(ours.identifiable, budget(100)));
  });
  test('checkAdapter runs every contract whose well-known export a module provides, with its own options', () => {
    const run = checkAdapter({ topS: ours.topS, identifiable: ours.identifiable, contractOptions: { topS: { ties: 'numpy' } } }, { seed: RUN_SEED });
    expect(run.results.map((r) => [r.export, r.result.ok])).toEqual([
      ['topS', true],
      ['identifiable', true],
    ]);
    expect(run.results[0]!.result.property).toMatch(/NumPy/);
    expect(run.absent).toEqual(['liftedOperator', 'solve', 'restrictedEigenvalues']);
  });
});

describe('each contract rejects a broken implementation', () => {
  test('topS keeping s − 1 entries', () => {
    const short: TopS = (x, s) => Array.from(indexOrderTopS(x, s)).slice(0, s - 1);
    expectRejected(checkTopS(short, { seed: 11 }), /best s-term/, (seed, path) => checkTopS(short, { seed, path: path! }));
  });
  test('topS keeping the smallest magnitudes', () => {
    const smallest: TopS = (x, s) =>
      Array.from(x.keys())
        .sort((a, b) => Math.abs(x[a]!) - Math.abs(x[b]!))
        .slice(0, s);
    expect(checkTopS(smallest, { seed: 12 }).ok).toBe(false);
  });
  test("topS with the index tie order fails ties: 'numpy', and passes without it", () => {
    expectRejected(checkTopS(indexOrderTopS, { seed: 13, ties: 'numpy' }), /NumPy's argsort/, (seed, path) =>
      checkTopS(indexOrderTopS, { seed, path: path!, ties: 'numpy' }),
    );
  });
  test('an adjoint that is off by 1e-9 in one entry', () => {
    const off: LiftedOperatorFactory = (p) => {
      const op = ours.liftedOperator(p);
      return {
        apply: op.apply,
        adjoint: (r) => {
          const a = Float64Array.from(op.adjoint(r));
          a[0] = a[0]! * (1 + 1e-9) + 1e-9;
          return a;
        },
      };
    };
    expectRejected(checkLiftedOperator(off, { seed: 14 }), /adjoint identity/, (seed, path) => checkLiftedOperator(off, { seed, path: path! }));
  });
  test('gates that ignore the generators (always random ones)', () => {
    const stale: LiftedOperatorFactory = (p) => ours.liftedOperator({ ...p, generators: p.generators.map((_, i) => Math.sin(i + 1)) });
    expect(checkLiftedOperator(stale, { seed: 15 }).property).toMatch(/oracle|lifted identity/);
  });
  test('a solver that stops after 3 steps', () => {
    const early = ours.solveWithSteps(3);
    expectRejected(checkIhtSolver(early, { seed: 16 }), /recovers the planted weights/, (seed) => checkIhtSolver(early, { seed }));
  });
  test('restricted eigenvalues over supports of size k − 1, and an identifiability test that always says yes', () => {
    const smaller = (a: Parameters<typeof ours.restrictedEigenvalues>[0], k: number) => ours.restrictedEigenvalues(a, Math.max(1, k - 1));
    expect(checkRestrictedEigenvalues(smaller, { seed: 17 }).ok).toBe(false);
    expect(checkIdentifiability(() => true, { seed: 18 }).ok).toBe(false);
  });
  test('an implementation that throws fails its contract (the error says so); misuse throws', () => {
    const r = checkTopS(() => {
      throw new Error('boom');
    });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/topS threw: boom/);
    expect(() => checkTopS(42 as never)).toThrow(/topS must be a function/);
    expect(() => checkTopS(ours.topS, { numRuns: 0 })).toThrow(/numRuns/);
  });
});
