// The tasks and the methods, one line each. Any task meets any method through the Problem it builds
// (task.ts); runTask pairs them and builds the one outcome (method.ts). Adding a task or a method is a
// file for it plus one line here — and its name in config/names.ts, from which the CLI's choices, the
// types and the schemas derive, and which makes the compiler ask for the line here.
import type { CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import type { TrainingBudget } from '../config/training.js';
import type { MethodName, TaskName } from '../config/names.js';
import { DivergenceError } from '../sparse/divergence.js';
import { gaussianTask } from './gaussian-recovery.js';
import { inrImageTask, inrMnistTask } from './inr.js';
import { outcomeOf, type Method } from './method.js';
import { ihtTheoryMethod } from './methods/iht-theory.js';
import { ihtMethod } from './methods/iht.js';
import { impMethod } from './methods/imp.js';
import { binaryMnistTask, mnistTask } from './mnist-classification.js';
import { divergedOutcome, skippedOutcome, type TaskHooks, type TaskOutcome } from './outcome.js';
import { plantedTask } from './planted-task.js';
import type { Task } from './task.js';

export const TASK_REGISTRY: Readonly<Record<TaskName, Task>> = {
  planted: plantedTask,
  gaussian: gaussianTask,
  'binary-mnist': binaryMnistTask,
  mnist: mnistTask,
  'inr-mnist': inrMnistTask,
  'inr-image': inrImageTask,
};

export const METHOD_REGISTRY: Readonly<Record<MethodName, Method>> = {
  iht: ihtMethod,
  'iht-theory': ihtTheoryMethod,
  imp: impMethod,
};

/** Runs the cell's method on its task's problem. A diverging run is a result of the method (e.g. the
 *  reference's step-size rule), not a crash: it is reported as diverged (step, cause), with the engines
 *  that computed until then. */
function runTask(cfg: CellConfig, hooks: TaskHooks): TaskOutcome {
  const task = TASK_REGISTRY[cfg.task];
  const notDefined = task.notDefined?.[cfg.method];
  if (notDefined) throw new ConfigError('--method', notDefined);
  return runPair(task, METHOD_REGISTRY[cfg.method], cfg, hooks);
}

/** A job's cells (tasks/paths.ts): one cell, or cells that differ only in s sharing one run of their method,
 *  whose outcomes are each exactly that cell's own. A path that diverges is rerun cell by cell, so each
 *  cell reports what its own run would. */
export function runJob(cfgs: readonly CellConfig[], hooks: TaskHooks): TaskOutcome[] {
  const first = cfgs[0]!;
  if (cfgs.length === 1) return [runTask(first, hooks)];
  const task = TASK_REGISTRY[first.task];
  const method = METHOD_REGISTRY[first.method];
  if (!method.runPath || task.dataDependOnS) throw new Error(`cells of ${first.task}/${first.method} cannot share a run`);
  const problem = task.build(first);
  if ('skip' in problem) return cfgs.map(() => skippedOutcome(problem.skip));
  try {
    return method.runPath(cfgs, problem, hooks).map((r, i) => outcomeOf(cfgs[i]!, problem, r));
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    return cfgs.map((c) => runTask(c, hooks));
  }
}

/** One task with one method: the seam every cell goes through (a new task or method can be tried here
 *  before it has a name). */
export function runPair(task: Task, method: Method, cfg: CellConfig, hooks: TaskHooks): TaskOutcome {
  const problem = task.build(cfg);
  if ('skip' in problem) return skippedOutcome(problem.skip);
  try {
    return outcomeOf(cfg, problem, method.run(cfg, problem, hooks));
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    return divergedOutcome(e);
  }
}

/** The one asynchronous step before a cell runs: what its method needs from the process (IMP: a
 *  TensorFlow.js backend, initialised once per thread). It goes to runCell as a value. */
export async function prepareCell(cfg: Pick<CellConfig, 'method' | 'backend'>): Promise<Pick<TaskHooks, 'backend'>> {
  const method = METHOD_REGISTRY[cfg.method];
  return method.prepare ? method.prepare(cfg as CellConfig) : {};
}

/** How long the cell's method trains, in its unit (steps, epochs, epochs per pruning round). */
export const trainingOf = (cfg: CellConfig): TrainingBudget => METHOD_REGISTRY[cfg.method].training(cfg, TASK_REGISTRY[cfg.task].shape(cfg));

/** Whether s asked for more planted nonzeros than the instance holds (null: the task plants nothing). */
export const sCappedOf = (cfg: CellConfig): boolean | null => TASK_REGISTRY[cfg.task].sCapped?.(cfg) ?? null;
