import type { BackendInfo } from '../imp/backend.js';
import type { ImpEvent } from '../imp/imp.js';
import { engineLabel } from '../lifted/engines-used.js';
import type { DivergenceCause, DivergenceError } from '../sparse/divergence.js';

export { DIVERGENCE_CAUSES } from '../sparse/divergence.js';
import type { SparseVector } from '../sparse/sparse-vector.js';

// What a task reports for one cell (the cell runner adds config, hash and resource fields).

interface TheoryInfo {
  beta: number;
  betaEstimated: boolean;
  eta: number;
  sTilde: number;
  steps: number;
  converged: boolean;
  /** f(w) = ½‖Aw − y‖² at the start and at the end */
  f0: number;
  f: number;
  /** dictionary size p (blocks of the fixed A) */
  blocks: number;
}

export interface TaskOutcome {
  skipped: boolean;
  skipReason: string | null;
  /** the run diverged (a result of the method, counted as its failure): metrics are null */
  diverged: boolean;
  /** 0-based index of the step whose result was first non-finite: an IHT step (mini-batch: a batch; layers in
   *  sequence) or an IMP Adam step counted over all rounds */
  divergedAtStep: number | null;
  divergedWhy: DivergenceCause | null;
  psnr: number | null;
  mse: number | null;
  /** regression tasks: the PSNR of predicting 0, and of the best constant, on the same data and batches */
  psnrZero: number | null;
  psnrConstant: number | null;
  /** classification tasks: test accuracy (threshold 0.5 for binary, argmax for 10 classes) */
  accuracy: number | null;
  /** where the data came from, when it is not generated (e.g. the stand-in image) */
  dataSource: string | null;
  /** ‖ŵ − w*‖/‖w*‖ (planted: hidden units matched up to permutation), null without a ground truth */
  relErr: number | null;
  /** supports equal as sets (up to unit permutation for planted AIHT); null without a ground truth */
  supportRecovered: boolean | null;
  /** relErr ≤ valueTol; null without a ground truth */
  valuesRecovered: boolean | null;
  nnz: number;
  convergenceStep: number | null;
  convergenceUnit: 'step' | 'epoch' | null;
  steps: number;
  theory: TheoryInfo | null;
  /** peak working memory of the lifted operator's kernel beyond the data X, bytes (null: not a lifted run) */
  operatorPeakBytes: number | null;
  /** bytes of the model's stored weights (IHT: indices + values of the sparse iterate, + sketch; IMP: dense float32) */
  paramBytes: number | null;
  /** bytes of optimiser state (IMP: Adam moments; IHT: 0) */
  optimizerBytes: number | null;
  /** bytes of the data held (X and labels) */
  dataBytes: number | null;
  /** imp: TensorFlow.js backend and version */
  backend: string | null;
  /** imp: pruning rounds run */
  rounds: number | null;
  /** arithmetic engine(s) of the streaming kernel ('wasm-simd', 'typescript', joined by '+' if both; null:
   *  no streaming kernel, e.g. the dense oracle or IMP). Engines agree bit for bit, so this never changes a
   *  result; it says what computed it. */
  kernelEngine: string | null;
  /** full-batch scalar IHT on one layer: the fit's PSNR after each step, on that step's gates (null entries: exact fit) */
  psnrTrace: Array<number | null> | null;
}

/** A run that diverged: no metric, the step and the cause, and the engines that computed until then. */
export function divergedOutcome(e: DivergenceError): TaskOutcome {
  return {
    ...skippedOutcome(''),
    skipped: false,
    skipReason: null,
    diverged: true,
    divergedAtStep: e.step,
    divergedWhy: e.why,
    kernelEngine: engineLabel(e.engines),
  };
}

export function skippedOutcome(reason: string): TaskOutcome {
  return {
    skipped: true,
    skipReason: reason,
    diverged: false,
    divergedAtStep: null,
    divergedWhy: null,
    psnr: null,
    mse: null,
    psnrZero: null,
    psnrConstant: null,
    accuracy: null,
    dataSource: null,
    relErr: null,
    supportRecovered: null,
    valuesRecovered: null,
    nnz: 0,
    convergenceStep: null,
    convergenceUnit: null,
    steps: 0,
    theory: null,
    operatorPeakBytes: null,
    paramBytes: null,
    optimizerBytes: null,
    dataBytes: null,
    backend: null,
    rounds: null,
    kernelEngine: null,
    psnrTrace: null,
  };
}

/** `step` of `total` in `unit` (default: step) */
export type Progress = (info: { step: number; total: number; phase?: string; unit?: string }) => void;

/** What a caller gives a task besides its config: the IMP backend it prepared (tasks/prepare.ts), and what
 *  it observes while the task runs — progress, and (tests, traces) every IHT iterate. */
export interface TaskHooks {
  /** IMP cells: the TensorFlow.js backend prepareCell initialised (it goes into the record) */
  backend?: BackendInfo;
  progress?: Progress;
  /** IHT: the iterate after each step of hidden layer `layer` (0-based) and whether the generators were then set from it */
  onIterate?: (info: { layer: number; step: number; w: SparseVector; generatorsSet: boolean }) => void;
  /** IMP: weights and masks at each stage of each round (traces, parity tests) */
  onImpEvent?: (event: ImpEvent) => void;
}

/** The backend an IMP task was given; running IMP without one is a bug of the caller (prepareCell first). */
export function backendOf(hooks: TaskHooks): BackendInfo {
  if (!hooks.backend) throw new Error('an IMP cell ran without a prepared backend: await prepareCell(cfg) (tasks/prepare.ts) and pass its result to runCell');
  return hooks.backend;
}

/** The theorem form's report, from its result and the dictionary's size. */
export function theoryInfo(res: Omit<TheoryInfo, 'blocks'>, blocks: number): TheoryInfo {
  const { beta, betaEstimated, eta, sTilde, steps, converged, f0, f } = res;
  return { beta, betaEstimated, eta, sTilde, steps, converged, f0, f, blocks };
}
