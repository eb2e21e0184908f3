import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { plantedInstance } from './arbitraries/planted-instance.js';
import { property, rejects } from './harness.js';
import { theoryInstance } from './instances.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import {
  AIHT_REGIME,
  AIHT_REGIME_MAX_FAILURES,
  AIHT_REGIME_SEEDS,
  checkAihtRegime,
  checkTheoremRecovery,
  checkThresholdedRecovery,
  KAPPA_MAX,
  THRESHOLD_KAPPA_MAX,
  type ThresholdRun,
  type TheoremRun,
} from './recovery.suite.js';

const FILE = 'properties/recovery.prop.test.ts';
const tiny = plantedInstance({ maxD: 3, maxM: 2, maxExtra: 2, maxS: 3, maxSPrime: 2, minN: 200, maxN: 600 });
const seeds = fc.array(fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })), { minLength: AIHT_REGIME_SEEDS, maxLength: AIHT_REGIME_SEEDS });
// larger dictionaries than the projection size: up to (3 + 3)·4 = 24 columns; about half of them qualify
const wider = fc.array(plantedInstance({ maxD: 4, maxM: 3, maxExtra: 3, maxS: 3, maxSPrime: 2, minN: 300, maxN: 800 }), { minLength: 36, maxLength: 36 });
const batchOf = (specs: Parameters<typeof theoryInstance>[0][]) => specs.map(theoryInstance);

/** A broken projection: an iterate that keeps the first s̃ candidates by index instead of the largest. */
class IndexOrderIterate extends SparseVector {
  override writeBlock(start: number, values: Float64Array): void {
    const idx = [...this.indices()];
    const val = [...this.values()];
    values.forEach((v, k) => {
      if (v !== 0 && !idx.includes(start + k)) {
        idx.push(start + k);
        val.push(v);
      }
    });
    const order = idx
      .map((_, t) => t)
      .sort((a, b) => idx[a]! - idx[b]!)
      .slice(0, this.capacity);
    const kept = new SparseVector(this.length, this.capacity);
    order.forEach((t) => kept.writeBlock(idx[t]!, Float64Array.of(val[t]!)));
    const self = this as unknown as { idx: Int32Array; val: Float64Array; count: number };
    self.idx.set(kept.indices());
    self.val.set(kept.values());
    self.count = kept.size;
  }
}
const indexOrder = (length: number, sTilde: number) => new IndexOrderIterate(length, sTilde);

const runs: TheoremRun[] = [];
const thresholded: ThresholdRun[] = [];
afterAll(() => {
  if (runs.length === 0) return;
  const worst = runs.reduce((a, r) => Math.max(a, r.steps / r.bound), 0);
  console.log(
    `[theorem form] ${runs.length} instances: κ ${Math.min(...runs.map((r) => r.kappa)).toFixed(1)}–${Math.max(...runs.map((r) => r.kappa)).toFixed(1)}, ` +
      `iterations/bound ≤ ${worst.toFixed(3)}, max relErr ${Math.max(...runs.map((r) => r.relErr)).toExponential(1)}`,
  );
  for (const r of runs.slice(0, 5))
    console.log(`  κ = ${r.kappa.toFixed(2)}  s̃ required ${r.sTildeRequired}  steps ${r.steps} ≤ bound ${r.bound}  relErr ${r.relErr.toExponential(1)}`);
});
afterAll(() => {
  if (thresholded.length === 0) return;
  const req = thresholded.map((r) => 32 * r.kappa * r.kappa);
  console.log(
    `[theorem form, s̃ = 2s] ${thresholded.length} instances: H_s̃ removed entries in ${thresholded.filter((r) => r.projectedSteps > 0).length}, ` +
      `recovered ${thresholded.filter((r) => r.recovered).length} (at s̃ = s already: ${thresholded.filter((r) => r.recoveredAtS).length}); the theorem asks s̃/s ≥ 32κ² = ${Math.min(...req).toFixed(0)}–${Math.max(...req).toExponential(1)}`,
  );
});

describe('exact recovery, theorem form', () => {
  property(
    `measured conditions hold (α > 0, κ ≤ ${KAPPA_MAX}) ⇒ iht-theory recovers w* within ⌈(3κ/4)·ln(f0/ε)⌉ steps (s̃ ≥ columns: gradient descent, H_s̃ the identity)`,
    tiny,
    (spec) => checkTheoremRecovery(theoryInstance(spec), 1, (r) => runs.push(r)),
    { numRuns: 30, file: FILE },
  );
  test('rejects a broken variant: a step 10× too long (β underestimated tenfold)', () => {
    expect(rejects(tiny, (spec) => checkTheoremRecovery(theoryInstance(spec), 0.1), 30)).toBe(true);
  });
});

describe('exact recovery, theorem form with a real projection', () => {
  property(
    `s̃ = 2s below the live columns, α > 0, κ ≤ ${THRESHOLD_KAPPA_MAX}: a batch recovers exactly and is thresholded by H_s̃, but for the failures chance explains`,
    wider,
    (specs) => checkThresholdedRecovery(batchOf(specs), (r) => thresholded.push(r)),
    { numRuns: 3, file: FILE },
  );
  test('rejects a projection that keeps the first s̃ entries by index; the gradient-descent property above lets it through', () => {
    expect(rejects(wider, (specs) => checkThresholdedRecovery(batchOf(specs), undefined, indexOrder), 3)).toBe(true);
    expect(rejects(tiny, (spec) => checkTheoremRecovery(theoryInstance(spec), 1, undefined, indexOrder), 30)).toBe(false);
  });
});

describe('exact recovery, as the reference code runs it', () => {
  property(
    `AIHT, k = 1, regime d=${AIHT_REGIME.d} m=${AIHT_REGIME.m} s=${AIHT_REGIME.s} n=${AIHT_REGIME.n}, ${AIHT_REGIME.epochs} steps: ≥ ${AIHT_REGIME_SEEDS - AIHT_REGIME_MAX_FAILURES} of ${AIHT_REGIME_SEEDS} seeds exact`,
    seeds,
    (ss) => checkAihtRegime(ss),
    { numRuns: 1, file: FILE },
  );
  test('rejects a broken variant: the same regime stopped after 3 steps', () => {
    expect(rejects(seeds, (ss) => checkAihtRegime(ss, { epochs: 3 }), 1)).toBe(true);
  });
});
