// The real-data tasks share one path: train IHT (as the reference runs it) or IMP on the training
// data, evaluate on the evaluation data with the task's metric (SPEC §3.9, §4).
import { ConfigError } from '../config/fields.js';
import type { CellConfig } from '../config/cell-config.js';
import { isMiniBatch, runIht } from '../iht/drivers.js';
import { predictWithEngines } from '../iht/evaluate.js';
import { engineLabel } from '../lifted/engines-used.js';
import { layerwiseIht } from '../iht/layerwise.js';
import { vectorStepSize } from '../iht/params.js';
import { runImp } from '../imp/imp.js';
import { ADAM_DEFAULTS } from '../imp/mlp.js';
import type { Matrix } from '../linalg/matrix.js';
import { argmaxAccuracy, binaryAccuracy } from '../metrics/accuracy.js';
import { baselinePsnr, psnr } from '../metrics/psnr.js';
import { applyLayer, layerNnz } from '../network/sparse-mlp.js';
import { ihtOptions, type ReferenceLoader } from './iht-options.js';
import { backendOf, type TaskHooks, type TaskOutcome } from './outcome.js';
import { impProgress } from './imp-progress.js';

export interface SupervisedData {
  xTrain: Matrix;
  yTrain: Float64Array;
  xEval: Matrix;
  yEval: Float64Array;
  /** output dimension */
  k: number;
  /** binary: accuracy at 0.5; multiclass: argmax accuracy (cross-entropy training); psnr: INR fit with peak 1 */
  metric: 'binary' | 'multiclass' | 'psnr';
  dataSource: string | null;
  /** how the reference loads the training data (its row orders and mini-batch generator seed) */
  loader: ReferenceLoader;
  /** the evaluation is a pass over the training loader (INR), not over an unshuffled test loader (MNIST) */
  evaluatesTraining: boolean;
}

interface Scored {
  psnr: number | null;
  mse: number | null;
  accuracy: number | null;
}

function score(data: SupervisedData, pred: Float64Array, batch: number, order: Int32Array | null = null): Scored {
  if (data.metric === 'psnr') {
    const fit = psnr(pred, data.yEval, data.xEval.rows, 1, batch, order);
    return { psnr: fit.psnr, mse: fit.mse, accuracy: null };
  }
  const accuracy = data.metric === 'binary' ? binaryAccuracy(pred, data.yEval, batch) : argmaxAccuracy(pred, data.yEval, data.k, batch);
  return { psnr: null, mse: null, accuracy };
}

const bytesOf = (d: SupervisedData) =>
  d.xTrain.data.byteLength + d.yTrain.byteLength + (d.xEval === d.xTrain ? 0 : d.xEval.data.byteLength + d.yEval.byteLength);

export function runSupervised(cfg: CellConfig, data: SupervisedData, hooks: TaskHooks = {}): TaskOutcome {
  const { progress } = hooks;
  if (cfg.method === 'iht-theory') throw new ConfigError('--method', `--method iht-theory needs a planted ground truth; --task ${cfg.task} has none`);
  const ce = data.metric === 'multiclass';
  // regression (INR) cells also report what predicting 0, or the best constant, scores on the evaluation data
  const trivial = data.metric === 'psnr' ? baselinePsnr(data.yEval, data.xEval.rows, 1, cfg.batch) : { zero: null, constant: null };
  const base = {
    skipped: false,
    skipReason: null,
    relErr: null,
    supportRecovered: null,
    valuesRecovered: null,
    theory: null,
    dataSource: data.dataSource,
    dataBytes: bytesOf(data),
    psnrZero: trivial.zero,
    psnrConstant: trivial.constant,
  } as const;
  if (cfg.method === 'imp') {
    const backend = backendOf(hooks);
    const res = runImp(
      data.xTrain,
      data.yTrain,
      [cfg.s],
      {
        d: data.xTrain.cols,
        m: cfg.m,
        layers: cfg.layers,
        k: data.k,
        epochs: cfg.epochs,
        batch: cfg.batch,
        seed: cfg.seed,
        // the reference's IMP evaluates on an unshuffled test loader (INR: the image in pixel order)
        streams: cfg.streams,
        loaders: { trainShuffles: data.loader.shuffles, evalShuffles: false },
        loss: ce ? 'cross-entropy' : 'mse',
        fraction: cfg.pruneFraction,
        mode: cfg.impMode,
        adam: { ...ADAM_DEFAULTS, lr: cfg.learningRate },
        evalData: data.xEval,
        ...impProgress(cfg, progress),
      },
      (pred, order) => {
        const sc = score(data, pred, cfg.batch, order);
        return { metric: sc.psnr ?? sc.accuracy, details: { ...sc } };
      },
    );
    const t = res.targets[0]!;
    return {
      ...base,
      psnr: t.details.psnr ?? null,
      mse: t.details.mse ?? null,
      accuracy: t.details.accuracy ?? null,
      nnz: t.nnz,
      convergenceStep: null,
      convergenceUnit: null,
      steps: res.rounds.length,
      operatorPeakBytes: null,
      paramBytes: res.paramBytes + res.auxBytes,
      optimizerBytes: res.optimizerBytes,
      backend: `${backend.name} (${backend.version})`,
      rounds: res.rounds.length,
      kernelEngine: null,
    };
  }
  const n = data.xTrain.rows;
  const o = ihtOptions({ ...cfg, outDim: data.k, d: data.xTrain.cols, n }, n, data.loader, hooks);
  if (ce) o.vector = { ...o.vector, crossEntropy: true, alpha: vectorStepSize(cfg.s, cfg.m, true) };
  const evalOpts = { m: cfg.m, k: data.k, convex: cfg.convex, seed: cfg.seed, streams: cfg.streams, kernel: cfg.kernel };
  let pred: Float64Array;
  let result;
  let nnz: number;
  let paramBytes: number;
  const engines: string[] = [];
  if (cfg.layers === 1) {
    result = runIht(data.xTrain, data.yTrain, o);
    const p = predictWithEngines(data.xEval, result.w, evalOpts);
    pred = p.pred;
    engines.push(...result.engines, ...p.engines);
    nnz = result.w.nnz();
    paramBytes = result.w.bytes;
  } else {
    const lw = layerwiseIht(data.xTrain, data.yTrain, cfg.layers, o);
    result = lw.last;
    let inputs = data.xEval;
    for (let l = 0; l < lw.layers.length - 1; l++) inputs = applyLayer(inputs, lw.layers[l]!, true);
    const p = predictWithEngines(inputs, lw.last.w, evalOpts);
    pred = p.pred;
    engines.push(...lw.perLayer.flatMap((r) => r.engines), ...p.engines);
    const md = cfg.m * lw.lastInputs.cols;
    const v = lw.last.w.values();
    const outNnz = data.k > 1 ? lw.last.w.indices().reduce((acc, i, t) => acc + (i >= md && v[t] !== 0 ? 1 : 0), 0) : 0;
    nnz = lw.layers.reduce((acc, l) => acc + layerNnz(l), 0) + outNnz;
    paramBytes = lw.perLayer.reduce((acc, p) => acc + p.w.bytes, 0);
  }
  const sc = score(data, pred, cfg.batch, data.evaluatesTraining ? o.order.evaluation(cfg.epochs, isMiniBatch(cfg.batch, n)) : null);
  return {
    ...base,
    ...sc,
    nnz,
    convergenceStep: result.convergenceStep,
    convergenceUnit: result.convergenceUnit,
    steps: result.steps,
    operatorPeakBytes: result.operatorPeakBytes,
    paramBytes,
    optimizerBytes: 0,
    backend: null,
    rounds: null,
    kernelEngine: engineLabel(engines),
  };
}
