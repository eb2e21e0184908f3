// The tasks, one line each: a task builds its data, runs the cell's method on it and reports an outcome.
// Adding a task is a file for it plus one line here (and its name in config/names.ts).
import type { CellConfig } from '../config/cell-config.js';
import type { TaskName } from '../config/names.js';
import { engineLabel } from '../lifted/engines-used.js';
import { NonFiniteError } from '../sparse/sparse-vector.js';
import { runGaussian } from './gaussian-recovery.js';
import { runInrImage, runInrMnist } from './inr.js';
import { runBinaryMnist, runMnist } from './mnist-classification.js';
import { skippedOutcome, type TaskHooks, type TaskOutcome } from './outcome.js';
import { runPlanted } from './planted-task.js';

const TASKS: Record<TaskName, (cfg: CellConfig, hooks: TaskHooks) => TaskOutcome> = {
  planted: runPlanted,
  gaussian: runGaussian,
  'binary-mnist': runBinaryMnist,
  mnist: runMnist,
  'inr-mnist': runInrMnist,
  'inr-image': runInrImage,
};

/** Runs the cell's task. A diverging run is a result of the method (e.g. the reference's step-size rule),
 *  not a crash: it is reported as skipped, with the engines that computed until then. */
export function runTask(cfg: CellConfig, hooks: TaskHooks): TaskOutcome {
  try {
    return TASKS[cfg.task](cfg, hooks);
  } catch (e) {
    if (!(e instanceof NonFiniteError)) throw e;
    return { ...skippedOutcome(`diverged: ${e.message}`), kernelEngine: engineLabel(e.engines) };
  }
}
