import { layerBudget } from '../iht/layerwise.js';
import type { CellConfig } from '../config/cell-config.js';
import { epochBudget, stepBudget } from '../config/training.js';
import { isMiniBatch, type IhtRunOptions } from '../iht/drivers.js';
import { vectorStepSize, type ScalarStepParams } from '../iht/params.js';
import { namedRowOrder, referenceRowOrder, type RowOrder } from '../iht/row-order.js';
import type { TaskHooks } from './outcome.js';

/** How the reference loads a task's training data (SPEC §3.7, §5): what its row orders and generators depend on. */
export interface ReferenceLoader {
  /** `torch.manual_seed` before the training DataLoader: planted seed + 3; MNIST and INR the run seed */
  torchSeed: number;
  /** whether the training DataLoader shuffles (INR: always; planted and MNIST: whenever a batch size is given) */
  shuffles: boolean;
  /** whether mini-batch training passes the run seed to the generators (MNIST does; INR and planted pass none: seed 0) */
  passesSeed: boolean;
}

/** The scalar step's constants from the config; top-s breaks ties as the reference's NumPy argsort does. */
export function scalarStepParams(cfg: CellConfig): ScalarStepParams {
  return { innerSteps: cfg.innerSteps, armijo: cfg.armijo, maxTries: cfg.armijoTries, firstStepMu: cfg.firstStepMu, stepEps: cfg.stepEps, ties: 'numpy' };
}

/** Row orders of a cell's training data (and of an evaluation pass over it). */
function rowOrderOf(cfg: CellConfig, n: number, loader: ReferenceLoader): RowOrder {
  if (cfg.streams === 'named') return namedRowOrder(cfg.seed, n);
  return referenceRowOrder(loader.torchSeed, n, loader.shuffles);
}

/** Translate a cell config into the AIHT driver's options; n = training rows. */
export function ihtOptions(cfg: CellConfig, n: number, loader: ReferenceLoader, hooks: TaskHooks = {}): IhtRunOptions {
  const { progress: onStep, onIterate } = hooks;
  const multiBatch = isMiniBatch(cfg.batch, n);
  const budget = layerBudget(cfg.s, cfg.layers);
  const zeroSeed = cfg.trainGeneratorSeed === 'zero' || (cfg.trainGeneratorSeed === 'reference' && !loader.passesSeed);
  return {
    m: cfg.m,
    s: cfg.s,
    k: cfg.outDim,
    training: multiBatch ? epochBudget(cfg.epochs) : stepBudget(cfg.epochs),
    batch: cfg.batch,
    scpEvery: cfg.scpEvery,
    convex: cfg.convex,
    generatorSeed: multiBatch && zeroSeed ? 0 : cfg.seed,
    streams: cfg.streams,
    order: rowOrderOf(cfg, n, loader),
    kernel: cfg.kernel,
    scalar: scalarStepParams(cfg),
    // α follows the reference rule with s = the per-layer budget (the vector's capacity)
    vector: { alpha: vectorStepSize(Math.min(budget, cfg.m * cfg.d + cfg.m * cfg.outDim), cfg.m, false), crossEntropy: false, reinit: cfg.streams },
    trackConvergence: true,
    ...(onStep ? { onStep } : {}),
    ...(onIterate ? { onIterate: (i) => onIterate({ layer: 0, ...i }) } : {}),
  };
}
