// Gaussian sparse-recovery sanity task (SPEC §5.7): w* has s ones at random positions of [0, N),
// A is an M × N Gaussian matrix generated on the fly, y = A w*. Metric: relative ℓ2 error.
import type { CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import { stepScalar } from '../iht/step-scalar.js';
import { ConvergenceTracker, supportSignature } from '../iht/signature.js';
import { ihtTheory } from '../iht/theory.js';
import { GaussianSensing } from '../lifted/gaussian-sensing.js';
import { sumSquares } from '../linalg/vec.js';
import { baselinePsnr, psnr } from '../metrics/psnr.js';
import { compareCoordinates } from '../metrics/support.js';
import { sampleWithoutReplacement } from '../random/sampling.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream } from '../random/streams.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import { scalarStepParams } from './iht-options.js';
import { theoryInfo, type TaskHooks, type TaskOutcome } from './outcome.js';

export function gaussianInstance(cfg: CellConfig): { A: GaussianSensing; wStar: SparseVector; y: Float64Array } {
  const N = cfg.m;
  const M = cfg.n;
  const k = Math.min(cfg.s, N);
  // reference: np.random.seed(seed); choice(N, s, replace=False) — the support, all values 1
  const drawn =
    cfg.streams === 'reference' ? new NumpyRandomState(cfg.seed).choice(N, k) : sampleWithoutReplacement(stream(cfg.seed, Role.gaussianSignal), N, k);
  const positions = Array.from(drawn).sort((a, b) => a - b);
  const wStar = SparseVector.fromEntries(
    N,
    k,
    positions,
    positions.map(() => 1),
  );
  const A = new GaussianSensing(M, N, cfg.seed, cfg.streams);
  const y = A.applySupport(wStar.indices(), wStar.values(), new Float64Array(M));
  return { A, wStar, y };
}

export function runGaussian(cfg: CellConfig, hooks: TaskHooks = {}): TaskOutcome {
  const { progress } = hooks;
  if (cfg.method === 'imp')
    throw new ConfigError(
      '--method',
      "--method imp is not defined for --task gaussian (a sensing problem, not a network; the reference's README says IMP but its code runs AIHT)",
    );
  const { A, wStar, y } = gaussianInstance(cfg);
  let w = new SparseVector(A.cols, cfg.s);
  let theory = null;
  let steps = cfg.epochs;
  const tracker = new ConvergenceTracker();
  if (cfg.method === 'iht-theory') {
    const f0 = 0.5 * sumSquares(y);
    const res = ihtTheory(A, y, {
      s: cfg.s,
      sTilde: cfg.sTilde > 0 ? cfg.sTilde : cfg.s,
      ...(cfg.beta > 0 ? { beta: cfg.beta } : {}),
      tolerance: cfg.theoryTol * f0,
      maxSteps: cfg.epochs,
      ...(progress ? { onStep: progress } : {}),
    });
    w = res.w;
    steps = res.steps;
    theory = theoryInfo(res, A.numBlocks);
  } else {
    const params = scalarStepParams(cfg);
    for (let t = 0; t < cfg.epochs; t++) {
      w = stepScalar(A, y, w, cfg.s, params).w;
      hooks.onIterate?.({ layer: 0, step: t, w, generatorsSet: false });
      tracker.record(supportSignature(w.indices()));
      progress?.({ step: t + 1, total: cfg.epochs });
    }
  }
  const { relErr, supportExact: supportRecovered } = compareCoordinates(w, wStar);
  const pred = A.applySupport(w.indices(), w.values(), new Float64Array(A.rows));
  let maxLabel = 0;
  for (const v of y) maxLabel = Math.max(maxLabel, Math.abs(v));
  const fit = psnr(pred, y, A.rows, maxLabel, 0);
  const base = baselinePsnr(y, A.rows, maxLabel, 0);
  return {
    skipped: false,
    skipReason: null,
    psnr: fit.psnr,
    mse: fit.mse,
    psnrZero: base.zero,
    psnrConstant: base.constant,
    accuracy: null,
    dataSource: null,
    relErr,
    supportRecovered,
    valuesRecovered: relErr <= cfg.valueTol,
    nnz: w.nnz(),
    convergenceStep: cfg.method === 'iht' ? tracker.convergenceStep() : null,
    convergenceUnit: cfg.method === 'iht' ? 'step' : null,
    steps,
    theory,
    operatorPeakBytes: null,
    paramBytes: w.bytes,
    optimizerBytes: 0,
    dataBytes: y.byteLength + wStar.bytes,
    backend: null,
    rounds: null,
    kernelEngine: null,
  };
}
