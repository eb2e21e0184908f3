// The seam between tasks and methods. A task (planted, gaussian, binary-mnist, …) says what the data
// are, how a prediction is scored and what the ground truth is; a method (iht, iht-theory, imp) trains
// on that and reports what it did. Any task meets any method through `Problem`; runTask (registry.ts)
// pairs them and builds the one outcome.
import type { CellConfig } from '../config/cell-config.js';
import type { ConfigError } from '../config/fields.js';
import type { MethodName } from '../config/names.js';
import type { BlockOperator } from '../lifted/operator.js';
import type { Matrix } from '../linalg/matrix.js';
import type { SparseVector } from '../sparse/sparse-vector.js';
import type { ReferenceLoader } from './iht-options.js';

export type CellField = keyof CellConfig;

/** A prediction's score on the evaluation data: PSNR and MSE (regression) or accuracy (classification). */
export interface Scored {
  psnr: number | null;
  mse: number | null;
  accuracy: number | null;
}

/** Data to train a ReLU network on, and how the reference loads it. */
export interface NetworkData {
  xTrain: Matrix;
  yTrain: Float64Array;
  /** the evaluation data (the same objects as the training data when the task scores its fit) */
  xEval: Matrix;
  yEval: Float64Array;
  /** output dimension */
  k: number;
  loss: 'mse' | 'cross-entropy';
  /** how the reference loads the training data (row orders, mini-batch generator seed) */
  loader: ReferenceLoader;
  /** IHT's evaluation is a pass over the training loader (planted, INR), not over an unshuffled test loader (MNIST) */
  evaluatesTraining: boolean;
  /** whether the reference's IMP evaluation loader shuffles (planted: its training loader, with a batch size) */
  impEvalShuffles: boolean;
}

/** y = A w* with a fixed A whose columns come in blocks (the theorem's form; the Gaussian sanity task). */
export interface SensingProblem {
  A: BlockOperator;
  y: Float64Array;
  wStar: SparseVector;
  /** dictionary size p (blocks of A) */
  blocks: number;
  predict(w: SparseVector): Float64Array;
  /** arithmetic engines A computes with (none for a plain matrix) */
  engines(): string[];
  /** A's largest working memory beyond its data, bytes (null: not a lifted operator) */
  peakBytes(): number | null;
}

/** One cell's problem, as a task builds it for a method. */
export interface Problem {
  /** network data (every task but gaussian) */
  network?: NetworkData;
  /** the problem as a fixed sensing matrix with a known w* (planted with one hidden layer, gaussian) */
  sensing?: () => SensingProblem;
  /** the task's metric of a prediction on the evaluation data, in batches of `batch` rows, rows in `order` */
  score(pred: Float64Array, batch: number, order?: Int32Array | null): Scored;
  /** PSNR of predicting 0 and of the best constant in the same batches (null: not a regression task) */
  baselines(batch: number): { psnrZero: number | null; psnrConstant: number | null };
  /** a one-hidden-layer network's lifted weights against the ground truth, up to a permutation of units (planted) */
  compare?: (w: SparseVector) => { relErr: number; supportExact: boolean };
  dataSource: string | null;
  /** bytes of the data held */
  dataBytes: number;
}

/** Rows, features and outputs the network (or the lifted operator) sees. */
export interface TaskShape {
  n: number;
  d: number;
  k: number;
}

/** A large array a cell allocates, for the memory guard (tasks/admit.ts). */
export interface MemoryTerm {
  what: string;
  /** the flags that drive it, as a product */
  flags: string;
  elements: number;
  bytesPerElement: number;
}

export interface Task {
  /** 'network': data for a ReLU network; 'sensing': only a fixed sensing matrix (no network to train) */
  form: 'network' | 'sensing';
  /** the flags this task reads under every method, beyond those every cell reads */
  fields: readonly CellField[];
  /** flags it reads only under some methods */
  methodFields?: Partial<Record<MethodName, readonly CellField[]>>;
  /** methods not defined on this task, with the error a user sees */
  notDefined?: Partial<Record<MethodName, string>>;
  shape(cfg: CellConfig): TaskShape;
  /** the large arrays of its data (memory guard) */
  memory(cfg: CellConfig): MemoryTerm[];
  /** option combinations the task does not define (before anything is allocated) */
  check?(cfg: CellConfig): ConfigError | null;
  /** the files a cell reads (their content hash goes into its key) */
  dataFiles?(cfg: CellConfig): string[];
  /** reads and checks those files once, before any cell runs */
  checkData?(cfg: CellConfig): void;
  /** whether s asked for more planted nonzeros than the instance holds (null: no planted ground truth) */
  sCapped?(cfg: CellConfig): boolean;
  /** whether the data depend on s (planted: it plants s nonzeros), so cells of other s cannot share a run */
  dataDependOnS: boolean;
  /** the cell's problem, or why the cell is skipped */
  build(cfg: CellConfig): Problem | { skip: string };
}
