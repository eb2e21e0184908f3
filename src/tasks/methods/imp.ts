// Method imp: iterative magnitude pruning on TensorFlow.js as the reference runs it (SPEC §4): train,
// prune the smallest 20 % globally, rewind, repeat; the network is scored once its count reaches s. Cells
// that differ only in s share one path (runPath), as the reference runs them.
import { ConfigError } from '../../config/fields.js';
import { epochBudget } from '../../config/training.js';
import { initBackend } from '../../imp/backend.js';
import { runImp, type ImpTrainingRun } from '../../imp/imp.js';
import { ADAM_DEFAULTS } from '../../imp/mlp.js';
import type { CellConfig } from '../../config/cell-config.js';
import type { Method, MethodResult } from '../method.js';
import type { TaskHooks } from '../outcome.js';
import type { Problem } from '../task.js';
import { impProgress } from '../imp-progress.js';
import { impCostTerms } from '../imp-cost.js';
import { backendOf } from '../outcome.js';

/** Weights of an MLP with L hidden layers of m units, d inputs and k outputs. */
const weightsOf = (m: number, layers: number, d: number, k: number) => d * m + m * m * (layers - 1) + m * k;

/** What trained a cell's runs, e.g. "tfjs dense ×2, sparse wasm-simd ×40": the path's rounds up to the one that
 *  reached the cell's s, and the retraining of that round's mask (fair protocol), as a run for that s alone does. */
function impKernelLabel(training: readonly ImpTrainingRun[], round: number): string {
  const mine = training.filter((t) => (t.retrain ? t.round === round : t.round <= round));
  const count = (k: ImpTrainingRun['kernel']) => mine.filter((t) => t.kernel === k).length;
  return [count('dense') ? `tfjs dense ×${count('dense')}` : '', count('sparse') ? `sparse wasm-simd ×${count('sparse')}` : ''].filter(Boolean).join(', ');
}

/** One pruning path for cells that differ only in s: each target s is read off the round whose count first
 *  drops to ≤ s (SPEC §4), which is what a run for that s alone computes up to its last round. */
function impPath(cfgs: readonly CellConfig[], problem: Problem, hooks: TaskHooks): MethodResult[] {
  const data = problem.network;
  const cfg = cfgs.reduce((a, c) => (c.s < a.s ? c : a)); // the longest path: the smallest s
  if (!data) throw new ConfigError('--method', `--method imp needs a network task; --task ${cfg.task} has none`);
  const backend = backendOf(hooks);
  const res = runImp(
    data.xTrain,
    data.yTrain,
    cfgs.map((c) => c.s),
    {
      d: data.xTrain.cols,
      m: cfg.m,
      layers: cfg.layers,
      k: data.k,
      epochsPerRound: cfg.epochs,
      batch: cfg.batch,
      seed: cfg.seed,
      streams: cfg.streams,
      loaders: { trainShuffles: data.loader.shuffles, evalShuffles: data.impEvalShuffles },
      loss: data.loss,
      fraction: cfg.pruneFraction,
      mode: cfg.impMode,
      ranking: cfg.impProtocol === 'fair' ? 'final' : 'reference',
      retrainFinal: cfg.impProtocol === 'fair',
      adam: { ...ADAM_DEFAULTS, lr: cfg.learningRate },
      kernel: cfg.impKernel,
      evalData: data.xEval,
      ...(hooks.onImpEvent ? { trace: hooks.onImpEvent } : {}),
      ...impProgress(cfg, hooks.progress),
    },
    (pred, order) => {
      const sc = problem.score(pred, cfg.batch, order);
      return { metric: sc.psnr ?? sc.accuracy, details: { ...sc } };
    },
  );
  return cfgs.map((c) => {
    const t = res.targets.find((x) => x.target === c.s)!;
    // a run for this s alone stops after the round that reached it
    const rounds = t.round + 1;
    return {
      scored: { psnr: t.details.psnr ?? null, mse: t.details.mse ?? null, accuracy: t.details.accuracy ?? null },
      metricBatch: c.batch,
      relErr: null,
      supportRecovered: null,
      nnz: t.nnz,
      convergenceStep: null,
      convergenceUnit: null,
      steps: rounds,
      theory: null,
      operatorPeakBytes: null,
      paramBytes: res.paramBytes + res.auxBytes,
      optimizerBytes: res.optimizerBytes,
      backend: `${backend.name} (${backend.version})`,
      rounds,
      kernelEngine: impKernelLabel(res.training, t.round),
      psnrTrace: null,
    };
  });
}

export const impMethod: Method = {
  fields: ['backend', 'pruneFraction', 'impMode', 'impProtocol', 'impKernel', 'learningRate'],
  networkFields: ['layers', 'batch'],
  training: (c) => epochBudget(c.epochs, 'pruning round'),
  prepare: async (cfg) => ({ backend: await initBackend(cfg.backend) }),
  run: (cfg, problem, hooks) => impPath([cfg], problem, hooks)[0]!,
  runPath: impPath,
  costTerms: impCostTerms,
  memory: (c, { n, d, k }) => [
    {
      what: 'IMP parameters, θ₀, masks, gradients and Adam moments',
      flags: '--m·(d + --m·(--layers − 1) + --out-dim)',
      elements: weightsOf(c.m, c.layers, d, k),
      bytesPerElement: 8 * 4,
    },
    // a full pass (the evaluation predicts every row at once)
    { what: 'IMP activations', flags: '--n·--m·--layers', elements: n * c.m * c.layers, bytesPerElement: 3 * 4 },
  ],
};
