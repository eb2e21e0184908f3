// Full-batch (SPEC §3.6) and mini-batch (SPEC §3.7) AIHT drivers with the sequential-convex
// generator update every `scpEvery` steps, and convex mode (random generators throughout).
import { annotateDivergence, enginesOf } from '../lifted/engines-used.js';
import type { StreamFamily } from '../config/streams.js';
import { describeTraining, type TrainingBudget, type TrainingUnit } from '../config/training.js';
import { LiftedOperator, type KernelName } from '../lifted/operator.js';
import { rowsOf, type Matrix } from '../linalg/matrix.js';
import { DivergenceError } from '../sparse/divergence.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import type { ScalarStepParams, VectorStepParams } from './params.js';
import type { RowOrder } from './row-order.js';
import { ConvergenceTracker, gateSignature, supportSignature } from './signature.js';
import { stepScalar } from './step-scalar.js';
import { stepVector } from './step-vector.js';

export interface IhtRunOptions {
  m: number;
  s: number;
  /** output dimension k: 1 = scalar step, > 1 = vector step with count sketch */
  k: number;
  /** how long to train: steps for full batch, epochs for mini-batch (runIht checks the unit against the batch) */
  training: TrainingBudget;
  /** rows per mini-batch; 0 = full batch */
  batch: number;
  /** sequential-convex period k_scp: generators := current weights every scpEvery steps */
  scpEvery: number;
  convex: boolean;
  /** seed of the random generators used by the training operators */
  generatorSeed: number;
  /** where the random generators (and the vector step's re-initialisation) come from */
  streams: StreamFamily;
  /** row order of the full batch, or of each mini-batch epoch */
  order: RowOrder;
  kernel: KernelName;
  scalar: ScalarStepParams;
  vector: VectorStepParams;
  /** called after every outer step (progress) */
  onStep?: (info: { step: number; total: number; unit: TrainingUnit }) => void;
  /** record support and gate fingerprints for the convergence step (costs one gate sweep per step) */
  trackConvergence?: boolean;
  /** sees the iterate after every step (full batch) or batch (mini-batch), and whether the generators
   *  were then set from it; for traces and parity tests */
  onIterate?: (info: { step: number; w: SparseVector; generatorsSet: boolean; layer?: number }) => void;
}

export interface IhtRunResult {
  w: SparseVector;
  /** full batch: index of the first step (0-based) after which support and gates stay fixed;
   *  mini-batch: the same over epochs, measured on the full data at the end of each epoch.
   *  null: not converged within the budget (the state still changed at the last step). */
  convergenceStep: number | null;
  convergenceUnit: 'step' | 'epoch';
  steps: number;
  /** objective traces of the scalar steps' refinements (last step only, to keep records small) */
  lastObjective: number[];
  /** full-batch scalar steps: ‖A_t w_t − y‖² after each step t, on that step's gates (null: empty support); else empty */
  fitTrace: Array<number | null>;
  gaveUp: number;
  /** largest working memory any training operator's kernel held beyond X, bytes */
  operatorPeakBytes: number;
  /** arithmetic engines of the operators this run built (see lifted/engines-used.ts) */
  engines: string[];
}

function emptyWeights(o: IhtRunOptions, d: number): SparseVector {
  return o.k > 1
    ? SparseVector.withSketch(o.m * d + o.m * o.k, o.s, o.streams === 'reference' ? 'reference' : 'hashed', o.scalar.ties)
    : new SparseVector(o.m * d, o.s, null, o.scalar.ties);
}

/**
 * Watches a run for divergence: the step index a divergence is reported at, and the vector step's count
 * sketch, whose float32 table overflows (then its NaN ranking decides the support) before the iterate does.
 * The run goes on after a sketch overflow, as the reference's does, and is reported diverged at that step.
 */
class DivergenceWatch {
  private overflowAt: number | null = null;
  /** Runs step t; a divergence in it is dated t (or the earlier overflow, as its cause). */
  step<T>(t: number, body: () => T): T {
    try {
      return body();
    } catch (e) {
      if (e instanceof DivergenceError) {
        if (this.overflowAt !== null) {
          e.why = 'sketch overflow';
          e.step = this.overflowAt;
        } else e.step ??= t;
      }
      throw e;
    }
  }
  /** After step t: note the first step that left the sketch non-finite. */
  after(t: number, w: SparseVector): void {
    if (this.overflowAt === null && w.sketch && !w.sketch.finite()) this.overflowAt = t;
  }
  /** At the end of a run whose iterate stayed finite: a sketch that overflowed still makes it diverged. */
  finish(): void {
    if (this.overflowAt !== null)
      throw new DivergenceError('sketch overflow', `the count sketch overflowed float32 at step ${this.overflowAt}`, this.overflowAt);
  }
}

function step(A: LiftedOperator, y: Float64Array, w: SparseVector, o: IhtRunOptions, first: boolean, acc: { last: number[]; gaveUp: number }): SparseVector {
  if (o.k > 1) return stepVector(A, y, w, o.k, first, o.vector);
  const r = stepScalar(A, y, w, o.s, o.scalar);
  acc.last = r.objective;
  acc.gaveUp += r.gaveUp;
  return r.w;
}

/** Generators for a lifted operator: the W1 part of the weights (all of it for scalar output). */
function generatorsFrom(w: SparseVector, o: IhtRunOptions, d: number): SparseVector {
  return o.k === 1 ? w : w.head(o.m * d);
}

function stateOf(A: LiftedOperator, w: SparseVector, o: IhtRunOptions, d: number, gateCache: Map<number, string>): string {
  let gates = gateCache.get(A.generatorVersion);
  if (gates === undefined) {
    gates = gateSignature(A);
    gateCache.clear();
    gateCache.set(A.generatorVersion, gates);
  }
  return `${supportSignature(w.indices(), o.k > 1 ? Infinity : o.m * d)}/${gates}`;
}

export function fullBatchIht(x0: Matrix, y0: Float64Array, o: IhtRunOptions): IhtRunResult {
  requireUnit(o, 'step', 'full-batch');
  const order = o.order.fullBatch();
  const x = order ? rowsOf(x0, order) : x0;
  const y = order ? takeRows(y0, order, o.k) : y0;
  const d = x.cols;
  const A = new LiftedOperator(x, o.m, o.generatorSeed, { kernel: o.kernel, streams: o.streams });
  let w = emptyWeights(o, d);
  const tracker = new ConvergenceTracker();
  const gateCache = new Map<number, string>();
  const acc = { last: [] as number[], gaveUp: 0 };
  const fitTrace: Array<number | null> = [];
  annotateDivergence(
    () => enginesOf(A),
    () => {
      const watch = new DivergenceWatch();
      for (let t = 0; t < o.training.count; t++) {
        w = watch.step(t, () => step(A, y, w, o, t === 0, acc));
        watch.after(t, w);
        if (o.k === 1) fitTrace.push(acc.last.length ? acc.last[acc.last.length - 1]! : null);
        const update = !o.convex && t > 0 && t % o.scpEvery === 0;
        if (update) A.setGenerators(generatorsFrom(w, o, d));
        o.onIterate?.({ step: t, w, generatorsSet: update });
        if (o.trackConvergence) tracker.record(stateOf(A, w, o, d, gateCache));
        o.onStep?.({ step: t + 1, total: o.training.count, unit: o.training.unit });
      }
      watch.finish();
    },
  );
  return {
    w,
    convergenceStep: o.trackConvergence ? tracker.convergenceStep() : null,
    convergenceUnit: o.training.unit,
    steps: o.training.count,
    lastObjective: acc.last,
    fitTrace,
    gaveUp: acc.gaveUp,
    operatorPeakBytes: A.stats().peakWorkingBytes,
    engines: enginesOf(A),
  };
}

function takeRows(y: Float64Array, rows: Int32Array, k: number): Float64Array {
  const out = new Float64Array(rows.length * k);
  for (let r = 0; r < rows.length; r++) for (let o = 0; o < k; o++) out[r * k + o] = y[rows[r]! * k + o]!;
  return out;
}

function miniBatchIht(x: Matrix, y: Float64Array, o: IhtRunOptions): IhtRunResult {
  requireUnit(o, 'epoch', 'mini-batch');
  const n = x.rows;
  const d = x.cols;
  const batches = Math.ceil(n / o.batch);
  let w: SparseVector | null = null;
  let wGen: SparseVector | null = null;
  const tracker = new ConvergenceTracker();
  const gateCache = new Map<number, string>();
  const acc = { last: [] as number[], gaveUp: 0 };
  let operatorPeakBytes = 0;
  const engines: string[] = [];
  const full = o.trackConvergence ? new LiftedOperator(x, o.m, o.generatorSeed, { kernel: 'streaming', streams: o.streams }) : null;
  annotateDivergence(
    () => [...engines, ...enginesOf(full)],
    () => {
      const watch = new DivergenceWatch();
      for (let e = 0; e < o.training.count; e++) {
        const order = o.order.epoch(e);
        for (let b = 0; b < batches; b++) {
          const rows = order.subarray(b * o.batch, Math.min(n, (b + 1) * o.batch));
          const A = new LiftedOperator(rowsOf(x, rows), o.m, o.generatorSeed, { kernel: o.kernel, streams: o.streams });
          engines.push(...enginesOf(A));
          if (!o.convex && wGen) A.setGenerators(generatorsFrom(wGen, o, d));
          const wNow = w ?? emptyWeights(o, d);
          w = watch.step(e * batches + b, () => step(A, takeRows(y, rows, o.k), wNow, o, b === 0, acc));
          watch.after(e * batches + b, w);
          const update = !o.convex && e > 0 && (b + e * batches) % o.scpEvery === 0;
          if (update) wGen = w;
          o.onIterate?.({ step: e * batches + b, w, generatorsSet: update });
          operatorPeakBytes = Math.max(operatorPeakBytes, A.stats().peakWorkingBytes);
        }
        if (full && w) {
          if (wGen) full.setGenerators(generatorsFrom(wGen, o, d));
          tracker.record(stateOf(full, w, o, d, gateCache));
        }
        o.onStep?.({ step: e + 1, total: o.training.count, unit: o.training.unit });
      }
      watch.finish();
    },
  );
  return {
    w: w ?? emptyWeights(o, d),
    convergenceStep: o.trackConvergence ? tracker.convergenceStep() : null,
    convergenceUnit: o.training.unit,
    steps: o.training.count * batches,
    lastObjective: acc.last,
    fitTrace: [],
    gaveUp: acc.gaveUp,
    operatorPeakBytes,
    engines: [...engines, ...enginesOf(full)],
  };
}

/** Mini-batch training happens when the batch size splits the rows into more than one batch. */
export const isMiniBatch = (batch: number, rows: number): boolean => batch > 0 && Math.ceil(rows / batch) > 1;

/** Full-batch or mini-batch AIHT, as the batch size says; the budget must be in that driver's unit. */
export function runIht(x: Matrix, y: Float64Array, o: IhtRunOptions): IhtRunResult {
  return isMiniBatch(o.batch, x.rows) ? miniBatchIht(x, y, o) : fullBatchIht(x, y, o);
}

function requireUnit(o: IhtRunOptions, unit: TrainingUnit, driver: string): void {
  if (o.training.unit !== unit) throw new RangeError(`${driver} AIHT counts ${unit}s; it was given ${describeTraining(o.training)}`);
}
