// Iterative magnitude pruning exactly as the reference's baselines.py (SPEC §4).
import * as tf from '@tensorflow/tfjs-core';
import type { StreamFamily } from '../config/streams.js';
import type { Matrix } from '../linalg/matrix.js';
import { DivergenceError } from '../sparse/divergence.js';
import { impDraws, type ImpDraws, type ImpLoaders } from './draws.js';
import { ADAM_DEFAULTS, DenseMlp, mlpShapes, type AdamParams, type Loss } from './mlp.js';
import { countUnpruned, globalMagnitudePrune, pruneCount, PruneSchedule } from './prune.js';
import { chooseKernel, DenseTrainer, type ImpKernel, type RoundTrainer } from './trainer.js';
import { SparseMlp, sparseImpModule } from './sparse-mlp.js';

export interface ImpOptions {
  d: number;
  m: number;
  layers: number;
  k: number;
  epochsPerRound: number;
  /** rows per batch; 0 = full batch */
  batch: number;
  seed: number;
  /** θ₀ and row orders: PyTorch's generator as the reference drives it, or named streams */
  streams: StreamFamily;
  /** which of the reference's loaders shuffle */
  loaders: ImpLoaders;
  loss: Loss;
  /** fraction of surviving weights pruned per round (reference --prune_iters 0.1) */
  fraction: number;
  mode: 'iterative' | 'one-shot';
  /** what a round's pruning ranks: 'reference' as PyTorch (from round 2, the weights one Adam step before the
   *  round's end), or 'final' (the weights after the round's last step) */
  ranking: ImpRanking;
  /** score each target's mask after one more round of training from θ₀ (the fair protocol), not as pruned */
  retrainFinal?: boolean;
  adam?: AdamParams;
  /** how a round trains: dense tensors, masked-sparse kernels, or by the network's density (auto) */
  kernel?: ImpKernel;
  onRound?: (info: { round: number; nnz: number; total: number }) => void;
  /** stop after this many rounds even if a target is not reached (guards against a stuck schedule) */
  maxRounds?: number;
  /** data the evaluation predicts on (default: the training data, as for planted and INR) */
  evalData?: Matrix;
  /** tests: receives host copies of weights and masks at each stage of each round */
  trace?: (event: ImpEvent) => void;
}

type ImpRanking = 'reference' | 'final';

export interface ImpEvent {
  kind: 'start' | 'rewound' | 'trained' | 'pruned' | 'evaluated';
  round: number;
  weights: Float32Array[];
  masks: Uint8Array[];
  /** amount (fraction of the survivors) the schedule used for this round's pruning ('pruned' events) */
  fraction?: number;
  /** 'trained' events: what the round's pruning ranks when that is not `weights` (PyTorch's stale weights) */
  ranked?: Float32Array[];
  /** what the evaluation scored ('evaluated' events: the model's weights then, and its predictions) */
  prediction?: Float64Array;
}

interface ImpRound {
  round: number;
  /** surviving weights after this round's pruning */
  nnz: number;
  /** training loss at the end of the round */
  loss: number;
  metric: number | null;
}

interface ImpTarget {
  target: number;
  round: number;
  nnz: number;
  metric: number | null;
  /** everything the evaluation returned for that round */
  details: Record<string, number | null>;
}

export interface ImpResult {
  targets: ImpTarget[];
  rounds: ImpRound[];
  parameterCount: number;
  /** float32 weights */
  paramBytes: number;
  /** Adam moments (2 per weight) */
  optimizerBytes: number;
  /** θ₀ copy and masks that IMP must hold besides the weights */
  auxBytes: number;
  /** every training run in order: the round it belongs to (a retraining: the round whose mask it retrains) and its kernel */
  training: ImpTrainingRun[];
}

export interface ImpTrainingRun {
  round: number;
  kernel: 'dense' | 'sparse';
  /** the fair protocol's retraining of the mask that reached a target */
  retrain: boolean;
}

/** Scores a prediction of the evaluation rows; `order` is the evaluation loader's row order (null: the data's own). */
export type Evaluate = (pred: Float64Array, order: Int32Array | null) => { metric: number | null; details: Record<string, number | null> };

/** Adam steps taken so far, over all rounds (the step a divergence is dated at) */
interface StepClock {
  steps: number;
}

interface TrainedRound {
  /** training loss of the round's last step */
  loss: number;
  /** the weights at the round's last forward pass, one Adam step before its end (null when not asked for) */
  beforeLastStep: Float32Array[] | null;
}

/**
 * Train `epochsPerRound` epochs. With ≤ 100 batches the reference materialises them once per round (same
 * composition and order for every epoch of the round); with more it reshuffles every epoch.
 * `keepBeforeLast`: also return the weights before the last step (what PyTorch's pruning ranks from round 2).
 */
function trainRound(
  mlp: RoundTrainer,
  x: Matrix,
  y: Float64Array,
  o: ImpOptions,
  draws: ImpDraws,
  round: number,
  keepBeforeLast: boolean,
  clock: StepClock,
): TrainedRound {
  const n = x.rows;
  const batches = o.batch > 0 ? Math.ceil(n / o.batch) : 1;
  const fixed = batches <= 100;
  let loss = NaN;
  let beforeLastStep: Float32Array[] | null = null;
  let count = mlp.setBatches(x, y, o.k, o.batch, draws.trainOrder(round, 0, n));
  try {
    for (let e = 0; e < o.epochsPerRound; e++) {
      if (!fixed && e > 0) count = mlp.setBatches(x, y, o.k, o.batch, draws.trainOrder(round, e, n));
      for (let i = 0; i < count; i++) {
        if (keepBeforeLast && e === o.epochsPerRound - 1 && i === count - 1) beforeLastStep = mlp.read();
        loss = mlp.step(i, o.loss);
        if (!Number.isFinite(loss)) throw new DivergenceError('loss blow-up', `IMP's training loss became ${loss} in pruning round ${round + 1}`, clock.steps);
        clock.steps++;
      }
    }
  } finally {
    mlp.releaseBatches();
  }
  return { loss, beforeLastStep };
}

function predictAll(mlp: DenseMlp, x: Matrix): Float64Array {
  const xt = tf.tensor2d(x.data instanceof Float32Array ? x.data : Float32Array.from(x.data), [x.rows, x.cols]);
  const p = mlp.predict(xt);
  const out = Float64Array.from(p.dataSync());
  xt.dispose();
  p.dispose();
  return out;
}

export function runImp(x: Matrix, y: Float64Array, targets: readonly number[], o: ImpOptions, evaluate: Evaluate): ImpResult {
  const shapes = mlpShapes(o.d, o.m, o.layers, o.k);
  const draws = impDraws(o.streams, o.seed, o.loaders);
  const theta0 = draws.theta0(shapes);
  const evalRows = (o.evalData ?? x).rows;
  const evaluateNow = (round: number, order = draws.evalOrder(evalRows)) => {
    const prediction = predictAll(mlp, o.evalData ?? x);
    if (o.trace) o.trace({ kind: 'evaluated', round, weights: mlp.read(), masks: masks.map((m) => m.slice()), prediction: prediction.slice() });
    return evaluate(prediction, order);
  };
  const masks = shapes.map(([i, j]) => new Uint8Array(i * j).fill(1));
  const mlp = new DenseMlp(shapes, theta0, masks, o.adam ?? ADAM_DEFAULTS);
  const N = mlp.parameterCount;
  const sorted = [...new Set(targets)].sort((a, b) => b - a);
  const minTarget = sorted[sorted.length - 1]!;
  const rounds: ImpRound[] = [];
  const assigned = new Map<number, ImpTarget>();
  const clock: StepClock = { steps: 0 };
  const dense = new DenseTrainer(mlp);
  let sparse: SparseMlp | null = null;
  const training: ImpTrainingRun[] = [];
  /** the network of this round's masks trained from θ₀ with a fresh Adam, on the next round's draws; the
   *  dense model (which evaluates) holds the result either way */
  const rewindAndTrain = (round: number, keepBeforeLast: boolean, rewinding = true, retrainOf: number | null = null) => {
    const rewound = theta0.map((w, l) => w.map((v, i) => (masks[l]![i] ? v : 0)));
    const kernel = chooseKernel(o.kernel ?? 'auto', countUnpruned(masks) / N, sparseImpModule !== null);
    training.push({ round: retrainOf ?? round, kernel, retrain: retrainOf !== null });
    let trainer: RoundTrainer = dense;
    if (kernel === 'sparse') {
      sparse ??= new SparseMlp(sparseImpModule!, shapes, o.batch > 0 ? Math.min(o.batch, x.rows) : x.rows, o.adam ?? ADAM_DEFAULTS);
      sparse.load(rewound, masks);
      trainer = sparse;
    } else {
      mlp.load(rewound, masks);
      mlp.resetOptimizer();
    }
    if (o.trace && rewinding) emit('rewound', round, trainer.read());
    const out = trainRound(trainer, x, y, o, draws, round, keepBeforeLast, clock);
    if (trainer !== dense) mlp.load(trainer.read(), masks);
    return out;
  };
  const record = (round: number, nnz: number, loss: number) => {
    const ev = evaluateNow(round);
    rounds.push({ round, nnz, loss, metric: ev.metric });
    const reached = sorted.filter((t) => !assigned.has(t) && nnz <= t);
    // fair protocol: the mask that reached a target is retrained once (exactly what the next round trains) and then scored
    const scored = reached.length && o.retrainFinal ? (rewindAndTrain(round + 1, false, true, round), evaluateNow(round)) : ev;
    for (const t of reached) assigned.set(t, { target: t, round, nnz, metric: scored.metric, details: scored.details });
    o.onRound?.({ round: round + 1, nnz, total: N });
  };
  const emit = (kind: ImpEvent['kind'], round: number, weights: Float32Array[], fraction?: number) =>
    o.trace?.({ kind, round, weights: weights.map((w) => w.slice()), masks: masks.map((m) => m.slice()), ...(fraction === undefined ? {} : { fraction }) });
  emit('start', 0, theta0);
  try {
    if (o.mode === 'one-shot') {
      training.push({ round: 0, kernel: 'dense', retrain: false });
      const { loss } = trainRound(dense, x, y, o, draws, 0, false, clock);
      const trained = mlp.read();
      // the reference re-initialises (and reseeds) for every target, so each sees the same evaluation order
      const evalOrder = draws.evalOrder(evalRows);
      for (const t of sorted) {
        const w = trained.map((a) => a.slice());
        const mk = masks.map((a) => a.slice());
        globalMagnitudePrune(w, mk, N - Math.min(t, N));
        mlp.load(w, mk);
        const ev = evaluateNow(0, evalOrder);
        const nnz = countUnpruned(mk);
        rounds.push({ round: 0, nnz, loss, metric: ev.metric });
        assigned.set(t, { target: t, round: 0, nnz, metric: ev.metric, details: ev.details });
      }
    } else {
      const schedule = new PruneSchedule(o.fraction, N);
      let nnz = N;
      const maxRounds = o.maxRounds ?? 100_000;
      // Reference: when the dense model already has ≤ min(s) weights, train once, prune 10 %, report that.
      const once = N <= minTarget;
      for (let round = 0; once ? round < 1 : nnz > minTarget; round++) {
        if (round >= maxRounds) throw new Error(`IMP did not reach ${minTarget} weights within ${maxRounds} rounds (at ${nnz})`);
        // From the second round on PyTorch's pruning ranks `module.weight`, which its forward pre-hook last set
        // at the round's final forward pass, one Adam step before the end; in the first it is the Parameter.
        const staleRanking = round > 0 && o.ranking === 'reference';
        // after the first round: rewind survivors to θ₀ (pruned weights stay 0), fresh Adam, train
        const { loss, beforeLastStep } = rewindAndTrain(round, staleRanking, round > 0);
        const w = mlp.read();
        if (o.trace)
          o.trace({
            kind: 'trained',
            round,
            weights: w.map((a) => a.slice()),
            masks: masks.map((m) => m.slice()),
            ...(beforeLastStep ? { ranked: beforeLastStep } : {}),
          });
        const before = nnz;
        const fraction = schedule.amount;
        globalMagnitudePrune(w, masks, pruneCount(fraction, nnz), beforeLastStep ?? w);
        if (o.trace) emit('pruned', round, w, fraction);
        nnz = countUnpruned(masks);
        schedule.observe(before, nnz);
        mlp.load(w, masks); // evaluated right after pruning, without fine-tuning (reference)
        record(round, nnz, loss);
      }
    }
  } finally {
    mlp.dispose();
  }
  return {
    targets: sorted.map((t) => assigned.get(t)).filter((t): t is ImpTarget => t !== undefined),
    rounds,
    parameterCount: N,
    paramBytes: 4 * N,
    optimizerBytes: 8 * N,
    auxBytes: 4 * N + N + 4 * N, // θ₀ (float32), host masks (bytes), mask tensors (float32)
    training,
  };
}
