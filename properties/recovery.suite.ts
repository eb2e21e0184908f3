// Exact recovery: the theorem form on tiny instances whose conditions are measured exactly, and AIHT
// as the reference runs it on a stated regime. Checks throw PropertyViolation with measured constants.
import fc from 'fast-check';
import { fullGram, liveColumns } from '../src/conditions/restricted-eigs.js';
import { principal } from '../src/conditions/gram.js';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { estimateLambdaMax, ihtTheory, type TheoryOptions } from '../src/iht/theory.js';
import { symmetricEigenvalues } from '../src/linalg/symeig.js';
import { sumSquares } from '../src/linalg/vec.js';
import { compareCoordinates } from '../src/metrics/support.js';
import { runCell } from '../src/run/run-cell.js';
import type { CellRecord } from '../src/run/record.js';
import { allowedFailures } from '../src/contracts/binomial.js';
import type { TheoryInstance } from './instances.js';
import { PropertyViolation } from './violation.js';

/** Largest κ the theorem-form property runs (keeps each run under a second); stated, not hidden. */
export const KAPPA_MAX = 300;
/** Stopping tolerance relative to f(0): ε = 1e-24·f(0). */
const THEORY_REL_TOL = 1e-24;

export interface TheoremRun {
  kappa: number;
  sTilde: number;
  sTildeRequired: number;
  steps: number;
  bound: number;
  relErr: number;
}

/** Iterations the theorem form needs at most: ⌈(3κ/4)·ln(f0/ε)⌉ (GD with η = 2/(3β) contracts f by (1 − 2/(3κ))² per step). */
function iterationBound(kappa: number, f0OverEps: number): number {
  return Math.ceil(0.75 * kappa * Math.log(f0OverEps)) + 1;
}

/**
 * Whenever the measured conditions hold — α > 0 over the live columns at the theorem's level (which,
 * on an instance this small, is all live columns, since 32κ²s exceeds the dictionary) and κ ≤ KAPPA_MAX —
 * iht-theory with s̃ = ⌈32κ²s⌉ and η = 2/(3β) recovers w*: support exact, relative error ≤ 1e-9,
 * within the iteration bound. What this checks: s̃ ≥ the column count, so H_s̃ never removes an entry
 * and the iteration is gradient descent on least squares with η = 2/(3β) (the theorem's rate, not its
 * thresholding; checkThresholdedRecovery covers that). `betaScale` < 1 makes the step too long.
 */
export function checkTheoremRecovery(t: TheoryInstance, betaScale = 1, record?: (r: TheoremRun) => void, iterate?: TheoryOptions['iterate']): void {
  const { A, wStar, y } = t;
  const live = liveColumns(A);
  const ev = symmetricEigenvalues(principal(fullGram(A), A.cols, live), live.length);
  const alpha = ev[0]! * A.rows; // of AᵀA (the theorem's f has no 1/n)
  const betaEst = estimateLambdaMax(A);
  const kappa = betaEst / alpha;
  fc.pre(alpha > 0 && kappa <= KAPPA_MAX);
  const s = wStar.size;
  const sTildeRequired = Math.ceil(32 * kappa * kappa * s);
  const f0 = 0.5 * sumSquares(y);
  const bound = iterationBound(kappa, 1 / THEORY_REL_TOL);
  const res = ihtTheory(A, y, {
    s,
    sTilde: sTildeRequired,
    beta: betaEst * betaScale,
    tolerance: THEORY_REL_TOL * f0,
    maxSteps: 2 * bound,
    ...(iterate ? { iterate } : {}),
  });
  const { relErr, supportExact } = compareCoordinates(res.w, wStar);
  const run = { kappa, sTilde: res.sTilde, sTildeRequired, steps: res.steps, bound, relErr };
  if (!(res.converged && supportExact && relErr <= 1e-9 && res.steps <= bound)) {
    throw new PropertyViolation(`theorem form: converged ${res.converged}, support ${supportExact}, relErr ${relErr}, steps ${res.steps} vs bound ${bound}`, {
      ...run,
      alpha,
      betaEst,
    });
  }
  record?.(run);
}

/** The code-form regime: d = 20, m = 2, s = 20, n = 2000, 30 steps, k = 1 (199/200 seeds exact when measured). */
export const AIHT_REGIME: Partial<CellConfig> = { d: 20, m: 2, s: 20, n: 2000, epochs: 30, scpEvery: 1 };

function aihtCell(seed: number, over: Partial<CellConfig> = {}): CellRecord {
  return runCell({ ...defaults(CELL_FIELDS), ...AIHT_REGIME, ...over, seed });
}

/**
 * Measured regimes hold for most seeds, not all: a property allows as many failures as chance explains.
 * Each rate below is an upper bound on the measured one; a run then fails by chance at most CHANCE_FAILURE.
 */
const CHANCE_FAILURE = 1e-4;

/**
 * Seeds per run of the AIHT regime property, and the failures it allows: 5 of 40 at a 1.5 % rate. Measured:
 * 1,980 of seeds 0–999 and 1,000,000–1,000,999 recover exactly (99.0 %; 95 % upper bound 1.45 %). The earlier
 * 9 of 10 failed by chance with P(Bin(10, 1 %) ≥ 2) = 0.43 %, and did in CI (seed 944102810: 8 of 10).
 * A variant that recovers only 80 % of seeds passes with probability 0.16.
 */
export const AIHT_REGIME_SEEDS = 40;
const AIHT_FAILURE_RATE = 0.015;
export const AIHT_REGIME_MAX_FAILURES = allowedFailures(AIHT_REGIME_SEEDS, AIHT_FAILURE_RATE, CHANCE_FAILURE);

/** In the regime, all but AIHT_REGIME_MAX_FAILURES of the sampled seeds recover exactly (support up to permutation, relErr ≤ 1e-6, PSNR ≥ 150 dB). */
export function checkAihtRegime(seeds: readonly number[], over: Partial<CellConfig> = {}): void {
  const records = seeds.map((seed) => aihtCell(seed, over));
  const exact = records.filter((r) => r.supportRecovered && r.valuesRecovered && (r.psnr === null || r.psnr >= 150));
  if (exact.length < seeds.length - AIHT_REGIME_MAX_FAILURES) {
    throw new PropertyViolation(`${exact.length}/${seeds.length} seeds recovered exactly`, {
      failed: records.filter((r) => !exact.includes(r)).map((r) => ({ seed: r.config.seed, psnr: r.psnr, relErr: r.relErr })),
    });
  }
}

/** Largest κ the thresholded-recovery regime includes. */
export const THRESHOLD_KAPPA_MAX = 100;
/**
 * Rate at which a qualifying instance fails to recover with s̃ = 2s, or is never thresholded, bounded above:
 * measured over 1,000 batches (2,876 instances) 21 did not recover (0.73 %; 95 % upper bound 1.04 %) and 1
 * was never thresholded. The earlier rule (80 % of a batch of ~6) failed by chance in about 1 run in 1,000.
 */
const THRESHOLD_FAILURE_RATE = 0.015;

export interface ThresholdRun {
  kappa: number;
  s: number;
  liveCols: number;
  /** recovered with s̃ = 2s; and already with s̃ = s */
  recovered: boolean;
  recoveredAtS: boolean;
  /** steps (at s̃ = 2s) whose projection removed at least one entry */
  projectedSteps: number;
}

/** One theorem-form run with projection size sTilde; null when the instance is outside the regime. */
function thresholdRun(t: TheoryInstance, iterate?: TheoryOptions['iterate']): ThresholdRun | null {
  const { A, wStar, y } = t;
  const live = liveColumns(A);
  const ev = symmetricEigenvalues(principal(fullGram(A), A.cols, live), live.length);
  const alpha = ev[0]! * A.rows;
  const beta = estimateLambdaMax(A);
  const kappa = beta / alpha;
  const s = wStar.size;
  if (!(alpha > 0 && kappa <= THRESHOLD_KAPPA_MAX && 2 * s < live.length)) return null;
  const f0 = 0.5 * sumSquares(y);
  const maxSteps = 2 * iterationBound(kappa, 1 / THEORY_REL_TOL);
  const run = (sTilde: number) => {
    const res = ihtTheory(A, y, { s, sTilde, beta, tolerance: THEORY_REL_TOL * f0, maxSteps, ...(iterate ? { iterate } : {}) });
    const { relErr, supportExact } = compareCoordinates(res.w, wStar);
    return { ok: res.converged && supportExact && relErr <= 1e-9, projectedSteps: res.projectedSteps };
  };
  const at2s = run(2 * s);
  return { kappa, s, liveCols: live.length, recovered: at2s.ok, recoveredAtS: run(s).ok, projectedSteps: at2s.projectedSteps };
}

/**
 * The theorem form with a projection that really thresholds: dictionaries with more live columns than
 * s̃ = 2s, far below the theorem's s̃ ≥ 32κ²s (no guarantee applies, so this is a measured regime, like the
 * code-form one). Of a batch of instances with measured α > 0 and κ ≤ THRESHOLD_KAPPA_MAX, all but the
 * failures chance explains recover exactly, and in as many H_s̃ removed entries (a CI run drew an instance
 * whose iterates never had more than s̃ nonzeros, so every one is too strong a claim).
 */
export function checkThresholdedRecovery(batch: readonly TheoryInstance[], record?: (r: ThresholdRun) => void, iterate?: TheoryOptions['iterate']): void {
  const runs = batch.map((t) => thresholdRun(t, iterate)).filter((r): r is ThresholdRun => r !== null);
  fc.pre(runs.length >= 10);
  runs.forEach((r) => record?.(r));
  const allowed = allowedFailures(runs.length, THRESHOLD_FAILURE_RATE, CHANCE_FAILURE);
  const unrecovered = runs.filter((r) => !r.recovered).length;
  const unprojected = runs.filter((r) => r.projectedSteps === 0).length;
  if (unrecovered > allowed || unprojected > allowed) {
    throw new PropertyViolation(
      `s̃ = 2s: ${runs.length - unrecovered}/${runs.length} instances recovered; ${unprojected} never thresholded; chance explains ${allowed}`,
      {
        runs,
      },
    );
  }
}
