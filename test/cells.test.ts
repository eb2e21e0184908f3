// Cell-level checks of the acceptance regimes, on sizes that fit the CI budget.
// Measured regimes (our streams): see README "Recovery regimes".
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { measureConditions } from '../src/conditions/measure.js';
import { CONDITIONS_FIELDS } from '../src/config/conditions.js';
import { LiftedOperator } from '../src/lifted/operator.js';
import { runCell } from '../src/run/run-cell.js';
import type { SparseVector } from '../src/sparse/sparse-vector.js';
import { plantedInstance } from '../src/tasks/planted-task.js';
import { prepareCell } from '../src/tasks/registry.js';
import { TIMING_FIELDS, type CellRecord } from '../src/run/record.js';

const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), ...over });
const withoutTiming = (r: CellRecord) => {
  const copy: Record<string, unknown> = { ...r };
  for (const f of TIMING_FIELDS) delete copy[f];
  return JSON.stringify(copy);
};

describe('gaussian sanity task (SPEC §5.7)', () => {
  test.each([0, 1, 2])('N = 1000, s = 10, M = 200, 15 steps, seed %i: support exact, relative error ≤ 1e-8', (seed) => {
    const r = runCell(cell({ task: 'gaussian', m: 1000, n: 200, s: 10, epochs: 15, innerSteps: 3, seed }));
    expect(r.supportRecovered).toBe(true);
    expect(r.relErr).toBeLessThanOrEqual(1e-8);
    expect(r.nnz).toBe(10);
  });
  test('oracle for the degenerate case s ≥ N: AIHT is least squares and recovers w* exactly', () => {
    // stepEps = 0: the reference's +1e-8 in μ's denominator stalls progress once ‖A_S g‖² < 1e-8 (next test).
    const r = runCell(cell({ task: 'gaussian', m: 20, n: 60, s: 20, epochs: 100, stepEps: 0, seed: 4 }));
    expect(r.relErr).toBeLessThanOrEqual(1e-12);
  });
  test('reference quirk: the 1e-8 guard in the normalized step stalls IHT near 1e-9 on small residuals', () => {
    const at = (epochs: number) => runCell(cell({ task: 'gaussian', m: 20, n: 60, s: 20, epochs, seed: 4 })).relErr!;
    expect(at(100)).toBeGreaterThan(1e-10);
    expect(at(100) / at(40)).toBeGreaterThan(0.5);
  });
  test('iht-theory recovers the Gaussian instance too', () => {
    const r = runCell(cell({ task: 'gaussian', method: 'iht-theory', m: 200, n: 100, s: 5, epochs: 5000, seed: 2 }));
    expect(r.supportRecovered).toBe(true);
    expect(r.relErr).toBeLessThanOrEqual(1e-9);
    expect(r.theory?.converged).toBe(true);
  });
});

describe('planted task, AIHT as the reference runs it', () => {
  // Regime d = 10, m = 2, s = 10, n = 2000, 30 steps, k = 1 (reference streams): seeds 0–19 measured 18/20
  // exact (8 and 13 not); the claim below keeps a margin of one seed in ten.
  test('d = 10, m = 2, s = 10, n = 2000, 30 steps: at least 9 of seeds 0–9 recover exactly, each exact claim complete', () => {
    const records = Array.from({ length: 10 }, (_, seed) => runCell(cell({ d: 10, m: 2, s: 10, n: 2000, epochs: 30, seed })));
    const exact = records.filter((r) => r.supportRecovered && r.valuesRecovered);
    expect(exact.length).toBeGreaterThanOrEqual(9);
    for (const r of exact) {
      expect(r.skipped).toBe(false);
      expect(r.relErr).toBeLessThanOrEqual(1e-6);
      expect(r.psnr).toBeGreaterThanOrEqual(150);
      expect(r.convergenceStep).not.toBeNull();
      expect(r.convergenceStep!).toBeLessThan(30);
    }
  });
  // The same regime with named streams (the previous default): 10/10 seeds exact, as measured before.
  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('named streams, d = 10, m = 2, s = 10, n = 2000, 30 steps, seed %i: exact recovery', (seed) => {
    const r = runCell(cell({ d: 10, m: 2, s: 10, n: 2000, epochs: 30, seed, streams: 'named' }));
    expect(r.skipped).toBe(false);
    expect(r.supportRecovered).toBe(true);
    expect(r.relErr).toBeLessThanOrEqual(1e-6);
    expect(r.valuesRecovered).toBe(true);
    expect(r.psnr).toBeGreaterThanOrEqual(150);
    expect(r.convergenceStep).not.toBeNull();
    expect(r.convergenceStep!).toBeLessThan(30);
  });
  test('same seed ⇒ the same record bit for bit (timing fields aside)', () => {
    const c = cell({ d: 8, m: 3, s: 9, n: 400, epochs: 6, seed: 5 });
    expect(withoutTiming(runCell(c))).toBe(withoutTiming(runCell(c)));
    expect(withoutTiming(runCell({ ...c, seed: 6 }))).not.toBe(withoutTiming(runCell(c)));
  });
  test('dense and streaming kernels give the same record: every field, numbers to rounding (1e-9 relative)', () => {
    const c = cell({ d: 6, m: 3, s: 8, n: 300, epochs: 5, seed: 2 });
    const a = runCell(c) as unknown as Record<string, unknown>;
    const b = runCell({ ...c, kernel: 'dense' }) as unknown as Record<string, unknown>;
    // what differs by construction: the kernel in the config and its hashes, the engine, the kernel's working memory, timings
    const kernelSpecific = new Set(['config', 'configHash', 'recordDigest', 'kernelEngine', 'operatorPeakBytes', ...TIMING_FIELDS]);
    for (const key of Object.keys(a)) {
      if (kernelSpecific.has(key)) continue;
      const [u, v] = [a[key], b[key]];
      if (typeof u === 'number' && typeof v === 'number') expect(Math.abs(u - v), key).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(u)));
      else expect(v, key).toEqual(u);
    }
    expect({ ...(b.config as CellConfig), kernel: 'streaming' }).toEqual(a.config);
  });
  test('convex mode keeps the random generators: the reported fit is that of the gated-ReLU net with random gates', () => {
    const c = cell({ d: 8, m: 4, s: 12, n: 500, epochs: 8, convex: true, seed: 1 });
    let last: SparseVector | null = null;
    const r = runCell(c, undefined, {
      onIterate: ({ w }) => {
        last = w.copy();
      },
    });
    expect(r.skipped).toBe(false);
    const x = plantedInstance(c).x;
    const y = plantedInstance(c).y;
    const mseWith = (A: LiftedOperator) => {
      const pred = A.apply(last!);
      return pred.reduce((acc, p, i) => acc + (p - y[i]!) ** 2, 0) / y.length;
    };
    const random = new LiftedOperator(x, c.m, c.seed, { streams: c.streams });
    expect(Math.abs(mseWith(random) - r.mse!)).toBeLessThanOrEqual(1e-12 * r.mse!);
    // gates from the weights (the non-convex network) would give another fit
    const fromWeights = new LiftedOperator(x, c.m, c.seed, { streams: c.streams });
    fromWeights.setGenerators(last!);
    expect(Math.abs(mseWith(fromWeights) - r.mse!)).toBeGreaterThan(1e-6 * r.mse!);
  });
  test('mini-batch training is deterministic and counts epochs', () => {
    const c = cell({ d: 8, m: 3, s: 9, n: 600, epochs: 4, batch: 150, seed: 3 });
    const a = runCell(c);
    expect(a.steps).toBe(16);
    expect(a.convergenceUnit).toBe('epoch');
    expect(withoutTiming(runCell(c))).toBe(withoutTiming(a));
  });
  test('vector output (k = 3) and two hidden layers run and respect the budget', () => {
    const v = runCell(cell({ d: 8, m: 4, s: 20, n: 400, epochs: 6, outDim: 3, seed: 1 }));
    expect(v.skipped).toBe(false);
    expect(v.nnz).toBeLessThanOrEqual(20);
    expect(v.relErr).toBeNull();
    const deep = runCell(cell({ d: 8, m: 4, s: 16, n: 400, epochs: 6, layers: 2, seed: 1 }));
    expect(deep.skipped).toBe(false);
    expect(deep.nnz).toBeLessThanOrEqual(16);
  });
});

describe('skipped cells are reported with a reason, never as 0', () => {
  test('deep cell whose hidden layer would be more than dense (m² < ⌊s/L⌋)', () => {
    const r = runCell(cell({ m: 2, s: 20, layers: 2, n: 50, d: 5 }));
    expect(r.skipped).toBe(true);
    expect(r.skipReason).toMatch(/more than dense/);
    expect(r.psnr).toBeNull();
  });
  test('all-zero planted labels', () => {
    // With L = 2, m = 1, s = 2 the single middle weight is negative for some seed: every label is 0.
    const skipped = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
      .map((seed) => runCell(cell({ m: 1, s: 2, layers: 2, n: 50, d: 5, epochs: 2, seed })))
      .filter((r) => r.skipped);
    expect(skipped.length).toBeGreaterThan(0);
    for (const r of skipped) {
      expect(r.skipReason).toMatch(/label is zero/);
      expect(r.psnr).toBeNull();
      expect(r.mse).toBeNull();
    }
  });
});

describe('planted task, IHT as the theorem states it', () => {
  // Fixed A whose dictionary holds the 4 planted patterns plus 4 random ones; exact float64 labels;
  // projection s̃ = 2s. Theorem 1 converges in K ≈ (3κ/4)·ln(f₀/ε) steps, κ measured at its level 2s̃ + s:
  // every seed whose K fits the 5,000-step budget must recover; the others (here κ = 139–7,222, seed 6
  // with separation γ = 0.07) need more steps than the budget gives, as the theory says. κ at that level
  // is a sampled estimate here, so it picks the seeds; the step bound itself is checked by the recovery
  // property on instances small enough to enumerate.
  const theory = (seed: number, epochs = 5000) =>
    cell({ method: 'iht-theory', m: 4, s: 8, sTilde: 16, d: 10, n: 2000, labels: 'float64', extraGenerators: 4, epochs, seed });
  test('m = 4, s = 8, s̃ = 16, d = 10, n = 2000: seeds 0–9 whose theorem bound fits the budget recover, support exact and relative error ≤ 1e-9', () => {
    let within = 0;
    for (let seed = 0; seed < 10; seed++) {
      const c = theory(seed);
      const kappa = measureConditions({
        ...defaults(CONDITIONS_FIELDS),
        m: c.m,
        s: c.s,
        d: c.d,
        n: c.n,
        extraGenerators: c.extraGenerators,
        sTilde: c.sTilde,
        seed,
      }).kappa!;
      const bound = Math.ceil(0.75 * kappa * Math.log(1 / c.theoryTol));
      if (bound > c.epochs) continue;
      within++;
      const r = runCell(c);
      expect(r.theory?.converged).toBe(true);
      expect(r.supportRecovered).toBe(true);
      expect(r.relErr).toBeLessThanOrEqual(1e-9);
      expect(r.nnz).toBe(8);
      expect(r.theory!.eta).toBeCloseTo(2 / (3 * r.theory!.beta), 15);
      expect(r.theory!.blocks).toBe(8);
    }
    expect(within).toBeGreaterThanOrEqual(5);
  });
  // named streams (the previous default): the seeds measured well separated then (2 and 3 were not)
  test.each([0, 1, 4])('named streams, m = 4, s = 8, s̃ = 16, d = 10, n = 2000, seed %i: support exact and relative error ≤ 1e-9', (seed) => {
    const r = runCell({ ...theory(seed), streams: 'named' });
    expect(r.theory?.converged).toBe(true);
    expect(r.supportRecovered).toBe(true);
    expect(r.relErr).toBeLessThanOrEqual(1e-9);
    expect(r.nnz).toBe(8);
  });
  test('a poorly separated instance is reported as not converged, not as recovered', () => {
    const conditions = measureConditions({ ...defaults(CONDITIONS_FIELDS), m: 4, s: 8, d: 10, n: 2000, extraGenerators: 4, sTilde: 16, seed: 6 });
    expect(conditions.separation.measured).toBeLessThan(0.1);
    const r = runCell(theory(6, 300));
    expect(r.theory?.converged).toBe(false);
    expect(r.valuesRecovered).toBe(false);
  });
  test('a larger projection s̃ still recovers; the estimate is H_s of the last iterate', () => {
    const r = runCell(cell({ method: 'iht-theory', m: 4, s: 8, d: 10, n: 2000, labels: 'float64', extraGenerators: 4, epochs: 4000, sTilde: 24, seed: 1 }));
    expect(r.supportRecovered).toBe(true);
    expect(r.nnz).toBe(8);
    expect(r.theory!.sTilde).toBe(24);
  });
  test('the theorem form refuses settings it does not cover', () => {
    expect(() => runCell(cell({ method: 'iht-theory', layers: 2, m: 4, s: 8, d: 10, n: 100 }))).toThrow(/one hidden layer/);
  });
});

describe('IMP cells (cpu backend)', () => {
  test('planted IMP reports rounds, actual nnz ≤ s, PSNR, backend and memory', async () => {
    const c = cell({ method: 'imp', d: 6, m: 4, s: 6, n: 200, epochs: 3, seed: 1, backend: 'cpu' });
    const prepared = await prepareCell(c);
    const r = runCell(c, undefined, prepared);
    expect(r.skipped).toBe(false);
    expect(r.nnz).toBeLessThanOrEqual(6);
    expect(r.rounds).toBeGreaterThan(5);
    expect(r.backend).toMatch(/^cpu/);
    expect(r.psnr).not.toBeNull();
    const N = 6 * 4 + 4;
    expect(r.optimizerBytes).toBe(8 * N);
    expect(r.paramBytes).toBeGreaterThanOrEqual(4 * N);
    expect(withoutTiming(runCell(c, undefined, prepared))).toBe(withoutTiming(r));
    // the backend comes in as a value: without it an IMP cell is a caller's bug, not a silent default
    expect(() => runCell(c)).toThrow(/an IMP cell ran without a prepared backend/);
  });
  test('IMP on the gaussian task is refused with a reason', () => {
    expect(() => runCell(cell({ task: 'gaussian', method: 'imp', m: 20, n: 10, s: 2 }))).toThrow(/not defined for --task gaussian/);
  });
  test('IHT records account for their memory too', () => {
    const r = runCell(cell({ d: 6, m: 3, s: 5, n: 100, epochs: 2, seed: 1 }));
    expect(r.paramBytes).toBe(5 * (4 + 8));
    expect(r.optimizerBytes).toBe(0);
    expect(r.dataBytes).toBe(100 * 6 * 4 + 100 * 8);
  });
});

describe('real-data tasks (small cells)', () => {
  test('binary-mnist (0 vs 1): IHT reaches high test accuracy; the record says where the data came from', () => {
    const r = runCell(cell({ task: 'binary-mnist', m: 4, s: 40, epochs: 1, batch: 1000, seed: 0 }));
    expect(r.accuracy).toBeGreaterThan(0.95);
    expect(r.psnr).toBeNull();
    expect(r.dataSource).toMatch(/MNIST/);
    expect(r.nnz).toBeLessThanOrEqual(40);
  });
  test('inr-mnist fits the image (PSNR, peak 1)', () => {
    const r = runCell(cell({ task: 'inr-mnist', m: 4, s: 60, epochs: 15, seed: 0 }));
    expect(r.psnr).toBeGreaterThan(15);
    expect(r.accuracy).toBeNull();
  });
  test('inr-image without CIFAR data uses the stand-in and says so', () => {
    const r = runCell(cell({ task: 'inr-image', m: 2, s: 10, epochs: 2, seed: 0 }));
    expect(r.dataSource).toMatch(/STAND-IN/);
  });
  test('mnist (10 classes) trains the vector-output, cross-entropy path well above chance', () => {
    // measured 0.81 (chance is 0.1; m = 4, s = 100, 1 epoch sits at chance)
    const r = runCell(cell({ task: 'mnist', m: 10, s: 2000, epochs: 2, batch: 1000, seed: 0 }));
    expect(r.accuracy).toBeGreaterThan(0.5);
    expect(r.nnz).toBeLessThanOrEqual(2000);
  });
  test('iht-theory is refused on data without a planted ground truth', () => {
    expect(() => runCell(cell({ task: 'inr-mnist', method: 'iht-theory', m: 2, s: 4 }))).toThrow(/no\b|none/);
  });
});

describe('diverging runs', () => {
  test('a vector-output cell that diverges under the reference α = 2 rule is reported with a reason, not as a crash or a 0', () => {
    // found by the determinism property (named streams): s = 4 < 6·m^0.536 with m = 1 gives α = 2
    const r = runCell(cell({ d: 2, m: 1, s: 4, n: 81, epochs: 3, batch: 40, outDim: 2, seed: 567777717, streams: 'named' }));
    expect(r.skipped).toBe(false);
    expect(r.diverged).toBe(true);
    expect(r.divergedWhy).toMatch(/^(non-finite iterate|sketch overflow)$/);
    expect(r.divergedAtStep).toBeGreaterThanOrEqual(0);
    expect(r.psnr).toBeNull();
  });
});

describe('the engine that computed flows up through return values (no per-thread register)', () => {
  test('operators, IHT runs and predictions return their engines; the record joins them', () => {
    const small = cell({ d: 5, m: 2, s: 4, n: 300, epochs: 3 });
    const inst = plantedInstance(small);
    const A = new LiftedOperator(inst.x, 2, 0, { kernel: 'streaming-ts' });
    expect(A.stats().engine).toBe('typescript');
    expect(new LiftedOperator(inst.x, 2, 0, { kernel: 'dense' }).stats().engine).toBeNull();
    // mini-batch on the dense oracle still tracks convergence on a streaming operator: both are reported
    expect(runCell({ ...small, kernel: 'dense', batch: 100 }).kernelEngine).toBe('wasm-simd');
    expect(runCell({ ...small, kernel: 'streaming-ts', batch: 100 }).kernelEngine).toBe('typescript+wasm-simd');
  });

  test('a diverged cell still says what computed it (the engines travel with the divergence)', () => {
    const r = runCell(cell({ task: 'planted', m: 10, s: 10, d: 100, n: 5000, outDim: 10, epochs: 10, batch: 1000, seed: 1, kernel: 'streaming-ts' }));
    expect(r.diverged).toBe(true);
    expect(r.kernelEngine).toBe('typescript+wasm-simd');
  });
});
