import type { CellConfig } from '../config/cell.js';
import type { IhtRunOptions } from '../iht/drivers.js';
import { vectorStepSize } from '../iht/params.js';

/** Translate a cell config into the AIHT driver's options. */
export function ihtOptions(cfg: CellConfig, onStep?: IhtRunOptions['onStep']): IhtRunOptions {
  const multiBatch = cfg.batch > 0 && Math.ceil(cfg.n / cfg.batch) > 1;
  const budget = Math.floor(cfg.s / cfg.layers);
  return {
    m: cfg.m,
    s: cfg.s,
    k: cfg.outDim,
    epochs: cfg.epochs,
    batch: cfg.batch,
    scpEvery: cfg.scpEvery,
    convex: cfg.convex,
    // Reference quirk (SPEC §3.7): mini-batch training generators ignore the run seed.
    generatorSeed: multiBatch && cfg.trainGeneratorSeed === 'zero' ? 0 : cfg.seed,
    seed: cfg.seed,
    kernel: cfg.kernel,
    scalar: { innerSteps: cfg.innerSteps, armijo: cfg.armijo, maxTries: cfg.armijoTries, firstStepMu: cfg.firstStepMu, stepEps: cfg.stepEps },
    // α follows the reference rule with s = the per-layer budget (the vector's capacity); reinit streams use seed 0 like the reference's seed-j RNGs.
    vector: { alpha: vectorStepSize(Math.min(budget, cfg.m * cfg.d + cfg.m * cfg.outDim), cfg.m, false), crossEntropy: false, reinitSeed: 0 },
    trackConvergence: true,
    ...(onStep ? { onStep } : {}),
  };
}
