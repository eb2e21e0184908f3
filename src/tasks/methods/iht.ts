// Method iht: AIHT as the reference code runs it (SPEC §3.6–3.8). On a network task: the lifted problem
// with generators set from the iterate, layer by layer for deeper networks; on a fixed sensing matrix
// (gaussian): the same scalar step on A.
import type { CellConfig } from '../../config/cell-config.js';
import { ConfigError } from '../../config/fields.js';
import { isMiniBatch, runIht } from '../../iht/drivers.js';
import { epochBudget, stepBudget } from '../../config/training.js';
import { predictWithEngines } from '../../iht/evaluate.js';
import { layerwiseIht } from '../../iht/layerwise.js';
import { vectorStepSize } from '../../iht/params.js';
import { ConvergenceTracker, supportSignature } from '../../iht/signature.js';
import { stepScalar } from '../../iht/step-scalar.js';
import { DENSE_MAX_ENTRIES } from '../../lifted/dense.js';
import { engineLabel } from '../../lifted/engines-used.js';
import type { Matrix } from '../../linalg/matrix.js';
import { psnrOfMse } from '../../metrics/psnr.js';
import { compareCoordinates } from '../../metrics/support.js';
import { applyLayer, layerNnz } from '../../network/sparse-mlp.js';
import { SparseVector } from '../../sparse/sparse-vector.js';
import { ihtOptions, scalarStepParams } from '../iht-options.js';
import type { Method, MethodResult } from '../method.js';
import type { TaskHooks } from '../outcome.js';
import type { MemoryTerm, NetworkData, Problem, SensingProblem, Task, TaskShape } from '../task.js';

/** The per-step fit ‖A_t w_t − y‖² as PSNR with the labels' peak (an empty support predicts 0). */
function fitPsnr(trace: ReadonlyArray<number | null>, y: Float64Array): Array<number | null> {
  let peak = 0;
  let yy = 0;
  for (const v of y) {
    peak = Math.max(peak, Math.abs(v));
    yy += v * v;
  }
  return trace.map((f) => psnrOfMse((f ?? yy) / y.length, peak));
}

function networkIht(cfg: CellConfig, problem: Problem, data: NetworkData, hooks: TaskHooks): MethodResult {
  const n = data.xTrain.rows;
  const o = ihtOptions({ ...cfg, outDim: data.k, d: data.xTrain.cols, n }, n, data.loader, hooks);
  if (data.loss === 'cross-entropy') o.vector = { ...o.vector, crossEntropy: true, alpha: vectorStepSize(cfg.s, cfg.m, true) };
  const evalOpts = { m: cfg.m, k: data.k, convex: cfg.convex, seed: cfg.seed, streams: cfg.streams, kernel: cfg.kernel };
  const engines: string[] = [];
  let pred: Float64Array;
  let result;
  let nnz: number;
  let paramBytes: number;
  let operatorPeakBytes: number;
  let compared: { relErr: number; supportExact: boolean } | null = null;
  if (cfg.layers === 1) {
    result = runIht(data.xTrain, data.yTrain, o);
    const p = predictWithEngines(data.xEval, result.w, evalOpts);
    pred = p.pred;
    engines.push(...result.engines, ...p.engines);
    nnz = result.w.nnz();
    paramBytes = result.w.bytes;
    operatorPeakBytes = result.operatorPeakBytes;
    if (problem.compare) compared = problem.compare(result.w);
  } else {
    const lw = layerwiseIht(data.xTrain, data.yTrain, cfg.layers, o);
    result = lw.last;
    // the evaluation data through the stored hidden layers (the training data already went through them)
    let inputs: Matrix = data.xEval;
    if (data.xEval === data.xTrain) inputs = lw.lastInputs;
    else for (let l = 0; l < lw.layers.length - 1; l++) inputs = applyLayer(inputs, lw.layers[l]!, true);
    const p = predictWithEngines(inputs, lw.last.w, evalOpts);
    pred = p.pred;
    engines.push(...lw.perLayer.flatMap((r) => r.engines), ...p.engines);
    // stored hidden layers, plus the last experiment's output weights for vector output
    const md = cfg.m * lw.lastInputs.cols;
    const v = lw.last.w.values();
    const outNnz = data.k > 1 ? lw.last.w.indices().reduce((acc, i, t) => acc + (i >= md && v[t] !== 0 ? 1 : 0), 0) : 0;
    nnz = lw.layers.reduce((acc, l) => acc + layerNnz(l), 0) + outNnz;
    paramBytes = lw.perLayer.reduce((acc, r) => acc + r.w.bytes, 0);
    operatorPeakBytes = Math.max(...lw.perLayer.map((r) => r.operatorPeakBytes));
  }
  // the reference evaluates with one more pass of its training loader where it scores the fit
  const order = data.evaluatesTraining ? o.order.evaluation(o.training) : null;
  return {
    scored: problem.score(pred, cfg.batch, order),
    metricBatch: cfg.batch,
    relErr: compared?.relErr ?? null,
    supportRecovered: compared?.supportExact ?? null,
    nnz,
    convergenceStep: result.convergenceStep,
    convergenceUnit: result.convergenceUnit,
    steps: result.steps,
    theory: null,
    operatorPeakBytes,
    paramBytes,
    optimizerBytes: 0,
    backend: null,
    rounds: null,
    kernelEngine: engineLabel(engines),
    psnrTrace: cfg.layers === 1 && result.fitTrace.length ? fitPsnr(result.fitTrace, data.yTrain) : null,
  };
}

/** AIHT's scalar step on a fixed A, `epochs` steps, with the support's convergence step. */
function sensingIht(cfg: CellConfig, problem: Problem, sp: SensingProblem, hooks: TaskHooks): MethodResult {
  const { A, y, wStar } = sp;
  const params = scalarStepParams(cfg);
  const tracker = new ConvergenceTracker();
  const training = stepBudget(cfg.epochs);
  let w = new SparseVector(A.cols, cfg.s);
  for (let t = 0; t < training.count; t++) {
    w = stepScalar(A, y, w, cfg.s, params).w;
    hooks.onIterate?.({ layer: 0, step: t, w, generatorsSet: false });
    tracker.record(supportSignature(w.indices()));
    hooks.progress?.({ step: t + 1, total: training.count, unit: training.unit });
  }
  const { relErr, supportExact } = compareCoordinates(w, wStar);
  return {
    scored: problem.score(sp.predict(w), 0),
    metricBatch: 0,
    relErr,
    supportRecovered: supportExact,
    nnz: w.nnz(),
    convergenceStep: tracker.convergenceStep(),
    convergenceUnit: training.unit,
    steps: training.count,
    theory: null,
    operatorPeakBytes: sp.peakBytes(),
    paramBytes: w.bytes,
    optimizerBytes: 0,
    backend: null,
    rounds: null,
    kernelEngine: engineLabel(sp.engines()),
    psnrTrace: null,
  };
}

/** The lifted operator's large arrays for `blocks` generators (iht and iht-theory on network tasks). */
export function liftedMemory(cfg: CellConfig, shape: TaskShape, blocks: number, flags: { blocks: string; gradient: string }): MemoryTerm[] {
  const { n, d, k } = shape;
  const t: MemoryTerm[] = [
    { what: 'lifted generators and gates', flags: `${flags.blocks}·(--n + --d)`, elements: blocks * (n + d), bytesPerElement: 8 },
    { what: 'gradient and iterate blocks', flags: flags.gradient, elements: blocks * d * k, bytesPerElement: 3 * 8 },
  ];
  if (cfg.kernel === 'dense') t.push({ what: 'dense lifted matrix', flags: '--n·--m·--d', elements: n * blocks * d, bytesPerElement: 8 });
  return t;
}

/** The sparse iterate and its candidates. */
export const iterateMemory = (capacity: number, flags: string): MemoryTerm => ({
  what: 'sparse iterate and candidates (capacity s)',
  flags,
  elements: capacity,
  bytesPerElement: 3 * (4 + 8),
});

/** --kernel dense materialises n·blocks·d entries: refused above the dense kernel's limit. */
export function denseKernelProblem(cfg: CellConfig, shape: TaskShape, blocks: number, task: Task): ConfigError | null {
  if (cfg.kernel !== 'dense' || task.form !== 'network') return null;
  const { n, d } = shape;
  if (n * blocks * d <= DENSE_MAX_ENTRIES) return null;
  return new ConfigError(
    '--kernel',
    `--kernel dense refuses n·m·d = ${n}·${blocks}·${d} = ${n * blocks * d} entries (limit ${DENSE_MAX_ENTRIES}); use --kernel streaming`,
  );
}

export const ihtMethod: Method = {
  fields: ['innerSteps', 'armijo', 'armijoTries', 'firstStepMu', 'stepEps'],
  networkFields: ['layers', 'batch', 'scpEvery', 'convex', 'kernel', 'trainGeneratorSeed'],
  // full batch (and a fixed A): steps; mini-batch: epochs
  training: (c, { n }) => (isMiniBatch(c.batch, n) ? epochBudget(c.epochs) : stepBudget(c.epochs)),
  run(cfg, problem, hooks) {
    if (problem.network) return networkIht(cfg, problem, problem.network, hooks);
    if (problem.sensing) return sensingIht(cfg, problem, problem.sensing(), hooks);
    throw new Error(`task ${cfg.task} built a problem with neither network data nor a sensing matrix`);
  },
  // per outer step: the gradient sweep and gates over rows × d × m, and the support products
  costTerms(c, { n, d, k }) {
    const batches = c.batch > 0 ? Math.ceil(n / c.batch) : 1;
    const steps = c.epochs * batches * c.layers;
    const rows = n / batches;
    return {
      'iht.sweep': steps * rows * d * c.m * (k > 1 ? 2 : 1),
      'iht.support': steps * rows * Math.min(c.s, d * c.m),
      'iht.support-blocks': steps * rows * Math.min(c.s, c.m),
      'iht.cell': 1,
    };
  },
  memory(c, shape, task) {
    const lifted = task.form === 'network' ? liftedMemory(c, shape, c.m, { blocks: '--m', gradient: '--m·--d·--out-dim' }) : [];
    return [...lifted, iterateMemory(c.s, '--s')];
  },
  check: (c, shape, task) => denseKernelProblem(c, shape, c.m, task),
};
