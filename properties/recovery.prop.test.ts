import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { plantedInstance } from './arbitraries/planted-instance.js';
import { property, rejects } from './harness.js';
import { theoryInstance } from './instances.js';
import { AIHT_REGIME, checkAihtRegime, checkTheoremRecovery, KAPPA_MAX, type TheoremRun } from './recovery.suite.js';

const FILE = 'properties/recovery.prop.test.ts';
const tiny = plantedInstance({ maxD: 3, maxM: 2, maxExtra: 2, maxS: 3, maxSPrime: 2, minN: 200, maxN: 600 });
const seeds = fc.array(fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })), { minLength: 10, maxLength: 10 });

const runs: TheoremRun[] = [];
afterAll(() => {
  if (runs.length === 0) return;
  const worst = runs.reduce((a, r) => Math.max(a, r.steps / r.bound), 0);
  console.log(`[theorem form] ${runs.length} instances: κ ${Math.min(...runs.map((r) => r.kappa)).toFixed(1)}–${Math.max(...runs.map((r) => r.kappa)).toFixed(1)}, ` +
    `iterations/bound ≤ ${worst.toFixed(3)}, max relErr ${Math.max(...runs.map((r) => r.relErr)).toExponential(1)}`);
  for (const r of runs.slice(0, 5)) console.log(`  κ = ${r.kappa.toFixed(2)}  s̃ required ${r.sTildeRequired}  steps ${r.steps} ≤ bound ${r.bound}  relErr ${r.relErr.toExponential(1)}`);
});

describe('exact recovery, theorem form', () => {
  property(`measured conditions hold (α > 0, κ ≤ ${KAPPA_MAX}) ⇒ iht-theory recovers w* within ⌈(3κ/4)·ln(f0/ε)⌉ steps`, tiny, (spec) => checkTheoremRecovery(theoryInstance(spec), 1, (r) => runs.push(r)), { numRuns: 30, file: FILE });
  test('rejects a broken variant: a step 10× too long (β underestimated tenfold)', () => {
    expect(rejects(tiny, (spec) => checkTheoremRecovery(theoryInstance(spec), 0.1), 30)).toBe(true);
  });
});

describe('exact recovery, as the reference code runs it', () => {
  property(`AIHT, k = 1, regime d=${AIHT_REGIME.d} m=${AIHT_REGIME.m} s=${AIHT_REGIME.s} n=${AIHT_REGIME.n}, ${AIHT_REGIME.epochs} steps: ≥ 9 of 10 seeds exact`, seeds, (ss) => checkAihtRegime(ss), { numRuns: 1, file: FILE });
  test('rejects a broken variant: the same regime stopped after 3 steps', () => {
    expect(rejects(seeds, (ss) => checkAihtRegime(ss, { epochs: 3 }), 1)).toBe(true);
  });
});
