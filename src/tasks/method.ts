// A method trains on a task's Problem and reports a MethodResult; outcomeOf joins the two into the
// record's TaskOutcome (one builder for every task × method).
import type { CellConfig } from '../config/cell-config.js';
import type { ConfigError } from '../config/fields.js';
import type { TrainingBudget } from '../config/training.js';
import type { TaskHooks, TaskOutcome } from './outcome.js';
import type { CostTerms } from '../cost/terms.js';
import type { CellField, MemoryTerm, Problem, Scored, Task, TaskShape } from './task.js';

export interface MethodResult {
  scored: Scored;
  /** the batch size the metric was computed in (the baselines use the same batches) */
  metricBatch: number;
  /** against the ground truth; null without one */
  relErr: number | null;
  supportRecovered: boolean | null;
  nnz: number;
  convergenceStep: number | null;
  convergenceUnit: 'step' | 'epoch' | null;
  steps: number;
  theory: TaskOutcome['theory'];
  operatorPeakBytes: number | null;
  paramBytes: number;
  optimizerBytes: number;
  backend: string | null;
  rounds: number | null;
  kernelEngine: string | null;
  /** full-batch scalar IHT on one layer: the fit's PSNR after each step, on that step's gates (null entries: exact) */
  psnrTrace: Array<number | null> | null;
}

export interface Method {
  /** the flags this method reads on every task */
  fields: readonly CellField[];
  /** the flags it reads only on network tasks */
  networkFields: readonly CellField[];
  /** what the method needs from the process before its first cell (IMP: a TensorFlow.js backend) */
  /** how long it trains, in its unit */
  training(cfg: CellConfig, shape: TaskShape): TrainingBudget;
  prepare?(cfg: CellConfig): Promise<Pick<TaskHooks, 'backend'>>;
  run(cfg: CellConfig, problem: Problem, hooks: TaskHooks): MethodResult;
  /** cells that differ only in s, on one problem, as one run whose result for each is exactly its own run's
   *  (IMP: one pruning path read at every target s, SPEC §4); absent: each cell runs alone */
  runPath?(cfgs: readonly CellConfig[], problem: Problem, hooks: TaskHooks): MethodResult[];
  /** the work a cell does, in the cost model's terms (src/cost: priced by coefficients fitted to timed runs) */
  costTerms(cfg: CellConfig, shape: TaskShape): CostTerms;
  /** the large arrays it allocates (memory guard) */
  memory(cfg: CellConfig, shape: TaskShape, task: Task): MemoryTerm[];
  /** option combinations the method refuses before anything is allocated */
  check?(cfg: CellConfig, shape: TaskShape, task: Task): ConfigError | null;
}

/** The record's outcome of a method's result on a problem. */
export function outcomeOf(cfg: Pick<CellConfig, 'valueTol'>, problem: Problem, r: MethodResult): TaskOutcome {
  const baselines = problem.baselines(r.metricBatch);
  return {
    skipped: false,
    skipReason: null,
    diverged: false,
    divergedAtStep: null,
    divergedWhy: null,
    psnr: r.scored.psnr,
    mse: r.scored.mse,
    psnrZero: baselines.psnrZero,
    psnrConstant: baselines.psnrConstant,
    accuracy: r.scored.accuracy,
    dataSource: problem.dataSource,
    relErr: r.relErr,
    supportRecovered: r.supportRecovered,
    valuesRecovered: r.relErr === null ? null : r.relErr <= cfg.valueTol,
    nnz: r.nnz,
    convergenceStep: r.convergenceStep,
    convergenceUnit: r.convergenceUnit,
    steps: r.steps,
    theory: r.theory,
    operatorPeakBytes: r.operatorPeakBytes,
    paramBytes: r.paramBytes,
    optimizerBytes: r.optimizerBytes,
    dataBytes: problem.dataBytes,
    backend: r.backend,
    rounds: r.rounds,
    kernelEngine: r.kernelEngine,
    psnrTrace: r.psnrTrace,
  };
}
