// Planted task (SPEC §5.2): a planted sparse ReLU MLP, train = test, PSNR with max |label|, and —
// for one hidden layer with scalar output — weight-level recovery up to a permutation of units.
import { impProgress } from './imp-progress.js';
import type { CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import { layerBudget, layerwiseIht } from '../iht/layerwise.js';
import { predictWithEngines } from '../iht/evaluate.js';
import { annotateDivergence, engineLabel, enginesOf } from '../lifted/engines-used.js';
import { isMiniBatch, runIht } from '../iht/drivers.js';
import { ihtTheory } from '../iht/theory.js';
import { sumSquares } from '../linalg/vec.js';
import { baselinePsnr, psnr } from '../metrics/psnr.js';
import { compareCoordinates, compareUpToPermutation } from '../metrics/support.js';
import { plant, plantedMatrixShapes, type PlantedInstance } from '../network/plant.js';
import { blocksOf, layerNnz } from '../network/sparse-mlp.js';
import { plantedDictionary } from '../lifted/dictionary.js';
import { runImp } from '../imp/imp.js';
import { ADAM_DEFAULTS } from '../imp/mlp.js';
import { backendOf, skippedOutcome, theoryInfo, type Progress, type TaskHooks, type TaskOutcome } from './outcome.js';
import { ihtOptions, type ReferenceLoader } from './iht-options.js';

/** Reference skip rule for deep cells (SPEC §3.8): a hidden layer would be more than dense. */
function plantedSkipReason(cfg: CellConfig): string | null {
  const budget = layerBudget(cfg.s, cfg.layers);
  if (cfg.layers > 1 && cfg.m * cfg.m < budget) return `hidden layer would be more than dense: m² = ${cfg.m * cfg.m} < ⌊s/L⌋ = ${budget}`;
  if (budget < 1) return `per-layer budget ⌊s/L⌋ = ⌊${cfg.s}/${cfg.layers}⌋ is 0`;
  return null;
}

/** Whether s asked for more planted nonzeros than the matrices hold (so fewer were planted); gaussian: s > N. */
export function sCappedOf(cfg: CellConfig): boolean | null {
  if (cfg.task === 'gaussian') return cfg.s > cfg.m;
  if (cfg.task !== 'planted') return null;
  if (cfg.weights !== 'gaussian') return (cfg.sPrime > 0 ? cfg.sPrime : Math.max(1, Math.floor(cfg.s / cfg.m))) > cfg.d;
  const shapes = plantedMatrixShapes({ d: cfg.d, m: cfg.m, k: cfg.outDim, layers: cfg.layers, s: cfg.s, n: cfg.n, seed: cfg.seed });
  const perMatrix = Math.floor(cfg.s / shapes.length);
  return shapes.some(([r, c]) => r * c < perMatrix);
}

/** The reference's planted loader: `torch.manual_seed(seed + 3)`, shuffled when a batch size is given; its
 *  mini-batch path passes no seed to the generators (SPEC §3.7). */
export const plantedLoader = (cfg: CellConfig): ReferenceLoader => ({ torchSeed: cfg.seed + 3, shuffles: cfg.batch > 0, passesSeed: false });

/** PSNR of predicting 0 and of the best constant on the planted labels, in the metric's batches. */
const baselinesOf = (cfg: CellConfig, inst: PlantedInstance) => {
  const b = baselinePsnr(inst.y, cfg.n, inst.maxLabel, cfg.batch);
  return { psnrZero: b.zero, psnrConstant: b.constant };
};

export function plantedInstance(cfg: CellConfig): PlantedInstance {
  const shape = { d: cfg.d, m: cfg.m, k: cfg.outDim, layers: cfg.layers, s: cfg.s, n: cfg.n, seed: cfg.seed, weights: cfg.weights, streams: cfg.streams };
  return plant(cfg.sPrime > 0 ? { ...shape, sPrime: cfg.sPrime } : shape, cfg.labels === 'float32');
}

export function runPlanted(cfg: CellConfig, hooks: TaskHooks = {}): TaskOutcome {
  const { progress } = hooks;
  const early = plantedSkipReason(cfg);
  if (early) return skippedOutcome(early);
  const inst = plantedInstance(cfg);
  if (inst.maxLabel === 0) return skippedOutcome('every planted label is zero (no planted unit is active on the data), so PSNR is undefined');
  if (cfg.method === 'imp') return plantedImp(cfg, inst, hooks);
  return cfg.method === 'iht-theory' ? plantedTheory(cfg, inst, progress) : plantedIht(cfg, inst, hooks);
}

const dataBytesOf = (inst: PlantedInstance) => inst.x.data.byteLength + inst.y.byteLength;

/** IMP on the planted task (SPEC §4): one run per (m, s, seed); PSNR on the training data after pruning. */
function plantedImp(cfg: CellConfig, inst: PlantedInstance, hooks: TaskHooks): TaskOutcome {
  const { progress } = hooks;
  const backend = backendOf(hooks);
  const res = runImp(
    inst.x,
    inst.y,
    [cfg.s],
    {
      d: cfg.d,
      m: cfg.m,
      layers: cfg.layers,
      k: cfg.outDim,
      epochs: cfg.epochs,
      batch: cfg.batch,
      seed: cfg.seed,
      loss: 'mse',
      // the reference evaluates planted IMP with its training loader (shuffled when a batch size is given)
      streams: cfg.streams,
      loaders: { trainShuffles: cfg.batch > 0, evalShuffles: cfg.batch > 0 },
      fraction: cfg.pruneFraction,
      mode: cfg.impMode,
      adam: { ...ADAM_DEFAULTS, lr: cfg.learningRate },
      ...impProgress(cfg, progress),
    },
    (pred, order) => {
      const fit = psnr(pred, inst.y, cfg.n, inst.maxLabel, cfg.batch, order);
      return { metric: fit.psnr, details: { psnr: fit.psnr, mse: fit.mse } };
    },
  );
  const t = res.targets[0]!;
  return {
    skipped: false,
    skipReason: null,
    psnr: t.details.psnr ?? null,
    mse: t.details.mse ?? null,
    ...baselinesOf(cfg, inst),
    accuracy: null,
    dataSource: null,
    relErr: null,
    supportRecovered: null,
    valuesRecovered: null,
    nnz: t.nnz,
    convergenceStep: null,
    convergenceUnit: null,
    steps: res.rounds.length,
    theory: null,
    operatorPeakBytes: null,
    paramBytes: res.paramBytes + res.auxBytes,
    optimizerBytes: res.optimizerBytes,
    dataBytes: dataBytesOf(inst),
    backend: `${backend.name} (${backend.version})`,
    rounds: res.rounds.length,
    kernelEngine: null,
  };
}

function plantedIht(cfg: CellConfig, inst: PlantedInstance, hooks: TaskHooks): TaskOutcome {
  const o = ihtOptions(cfg, cfg.n, plantedLoader(cfg), hooks);
  const evalOpts = { m: cfg.m, k: cfg.outDim, convex: cfg.convex, seed: cfg.seed, streams: cfg.streams, kernel: cfg.kernel };
  let pred: Float64Array;
  let nnz: number;
  let result;
  const engines: string[] = [];
  let relErr: number | null = null;
  let supportRecovered: boolean | null = null;
  const layerPeaks: number[] = [];
  const layerBytes: number[] = [];
  if (cfg.layers === 1) {
    result = runIht(inst.x, inst.y, o);
    layerBytes.push(result.w.bytes);
    const p = predictWithEngines(inst.x, result.w, evalOpts);
    pred = p.pred;
    engines.push(...result.engines, ...p.engines);
    nnz = result.w.nnz();
    if (cfg.outDim === 1) {
      const cmp = compareUpToPermutation(blocksOf(result.w, cfg.d, cfg.m), inst.net.layers[0]!.units);
      relErr = cmp.relErr;
      supportRecovered = cmp.supportExact;
    }
  } else {
    const lw = layerwiseIht(inst.x, inst.y, cfg.layers, o);
    result = lw.last;
    layerPeaks.push(...lw.perLayer.map((p) => p.operatorPeakBytes));
    layerBytes.push(...lw.perLayer.map((p) => p.w.bytes));
    const p = predictWithEngines(lw.lastInputs, lw.last.w, evalOpts);
    pred = p.pred;
    engines.push(...lw.perLayer.flatMap((r) => r.engines), ...p.engines);
    // stored hidden layers, plus the last experiment's output weights for vector output
    const md = cfg.m * lw.lastInputs.cols;
    let outNnz = 0;
    if (cfg.outDim > 1) {
      const v = lw.last.w.values();
      lw.last.w.indices().forEach((i, t) => {
        if (i >= md && v[t] !== 0) outNnz++;
      });
    }
    nnz = lw.layers.reduce((acc, l) => acc + layerNnz(l), 0) + outNnz;
  }
  // the reference evaluates with one more pass of its training loader (shuffled with mini-batches)
  const fit = psnr(pred, inst.y, cfg.n, inst.maxLabel, cfg.batch, o.order.evaluation(cfg.epochs, isMiniBatch(cfg.batch, cfg.n)));
  return {
    skipped: false,
    skipReason: null,
    psnr: fit.psnr,
    mse: fit.mse,
    ...baselinesOf(cfg, inst),
    accuracy: null,
    dataSource: null,
    relErr,
    supportRecovered,
    valuesRecovered: relErr === null ? null : relErr <= cfg.valueTol,
    nnz,
    convergenceStep: result.convergenceStep,
    convergenceUnit: result.convergenceUnit,
    steps: result.steps,
    theory: null,
    operatorPeakBytes: cfg.layers === 1 ? result.operatorPeakBytes : Math.max(...layerPeaks),
    paramBytes: layerBytes.reduce((a, b) => a + b, 0),
    optimizerBytes: 0,
    dataBytes: dataBytesOf(inst),
    backend: null,
    rounds: null,
    kernelEngine: engineLabel(engines),
  };
}

/**
 * Theorem form on a planted instance: A is fixed, its dictionary holds the m planted patterns
 * (h_j = planted unit j, so y = A w* with w* in blocks 0..m−1, SPEC §2.4) plus extra random generators.
 */
function plantedTheory(cfg: CellConfig, inst: PlantedInstance, progress?: Progress): TaskOutcome {
  if (cfg.layers !== 1 || cfg.outDim !== 1)
    throw new ConfigError('--method', 'iht-theory covers one hidden layer with scalar output (--layers 1 --out-dim 1), as Theorem 1 does');
  const { A, wStar, blocks } = plantedDictionary(inst, cfg);
  const sTilde = cfg.sTilde > 0 ? cfg.sTilde : cfg.s;
  const f0 = 0.5 * sumSquares(inst.y);
  const res = annotateDivergence(
    () => enginesOf(A),
    () =>
      ihtTheory(A, inst.y, {
        s: cfg.s,
        sTilde,
        ...(cfg.beta > 0 ? { beta: cfg.beta } : {}),
        tolerance: cfg.theoryTol * f0,
        maxSteps: cfg.epochs,
        ...(progress ? { onStep: progress } : {}),
      }),
  );
  const pred = A.apply(res.w);
  const fit = psnr(pred, inst.y, cfg.n, inst.maxLabel, 0);
  // Ground truth sits at known blocks here: compare coordinates directly (stricter than up to permutation).
  const { relErr, supportExact: supportRecovered } = compareCoordinates(res.w, wStar);
  return {
    skipped: false,
    skipReason: null,
    psnr: fit.psnr,
    mse: fit.mse,
    ...baselinesOf({ ...cfg, batch: 0 }, inst),
    accuracy: null,
    dataSource: null,
    relErr,
    supportRecovered,
    valuesRecovered: relErr <= cfg.valueTol,
    nnz: res.w.nnz(),
    convergenceStep: null,
    convergenceUnit: null,
    steps: res.steps,
    theory: theoryInfo(res, blocks),
    operatorPeakBytes: A.stats().peakWorkingBytes,
    paramBytes: res.iterate.bytes,
    optimizerBytes: 0,
    dataBytes: dataBytesOf(inst),
    backend: null,
    rounds: null,
    kernelEngine: engineLabel(enginesOf(A)),
  };
}
