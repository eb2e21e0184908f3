// Method iht-theory: Theorem 1's IHT on the problem's fixed sensing matrix — step η = 2/(3β), projection
// H_s̃, estimate H_s of the last iterate — compared with the known w* coordinate by coordinate.
import { ConfigError } from '../../config/fields.js';
import { stepBudget } from '../../config/training.js';
import { ihtTheory } from '../../iht/theory.js';
import { annotateDivergence, engineLabel } from '../../lifted/engines-used.js';
import { sumSquares } from '../../linalg/vec.js';
import { compareCoordinates } from '../../metrics/support.js';
import type { Method } from '../method.js';
import { theoryInfo } from '../outcome.js';
import { denseKernelProblem, iterateMemory, liftedMemory } from './iht.js';

export const ihtTheoryMethod: Method = {
  fields: ['sTilde', 'beta', 'theoryTol'],
  networkFields: ['kernel'],
  training: (c) => stepBudget(c.epochs),
  run(cfg, problem, hooks) {
    if (!problem.sensing) throw new ConfigError('--method', `--method iht-theory needs a planted ground truth; --task ${cfg.task} has none`);
    const sp = problem.sensing();
    const f0 = 0.5 * sumSquares(sp.y);
    const res = annotateDivergence(
      () => sp.engines(),
      () =>
        ihtTheory(sp.A, sp.y, {
          s: cfg.s,
          sTilde: cfg.sTilde > 0 ? cfg.sTilde : cfg.s,
          ...(cfg.beta > 0 ? { beta: cfg.beta } : {}),
          tolerance: cfg.theoryTol * f0,
          maxSteps: stepBudget(cfg.epochs).count,
          ...(hooks.progress ? { onStep: hooks.progress } : {}),
        }),
    );
    // the ground truth sits at known coordinates of A: compared directly (stricter than up to permutation)
    const { relErr, supportExact } = compareCoordinates(res.w, sp.wStar);
    return {
      scored: problem.score(sp.predict(res.w), 0),
      metricBatch: 0,
      relErr,
      supportRecovered: supportExact,
      nnz: res.w.nnz(),
      convergenceStep: null,
      convergenceUnit: null,
      steps: res.steps,
      theory: theoryInfo(res, sp.blocks),
      operatorPeakBytes: sp.peakBytes(),
      // what the method holds: the s̃-entry iterate
      paramBytes: res.iterate.bytes,
      optimizerBytes: 0,
      backend: null,
      rounds: null,
      kernelEngine: engineLabel(sp.engines()),
      psnrTrace: null,
    };
  },
  // one lifted gradient and product per step, as iht's full batch with s̃ entries
  // (β = 0: up to 200 power iterations, each a full product and a full sweep, estimate λ_max first)
  costTerms(c, { n, d }) {
    const blocks = c.m + c.extraGenerators;
    const entries = Math.max(c.s, c.sTilde);
    const powerSweeps = c.beta > 0 ? 0 : 2 * 200;
    return {
      'iht.sweep': (c.epochs + powerSweeps) * n * d * blocks,
      'iht.support': c.epochs * n * Math.min(entries, d * blocks),
      'iht.support-blocks': c.epochs * n * Math.min(entries, blocks),
      'iht.cell': 1,
    };
  },
  memory(c, shape, task) {
    const blocks = c.m + c.extraGenerators;
    const lifted =
      task.form === 'network'
        ? liftedMemory(c, { ...shape, k: 1 }, blocks, { blocks: '(--m + --extra-generators)', gradient: '(--m + --extra-generators)·--d' })
        : [];
    return [...lifted, iterateMemory(Math.max(c.s, c.sTilde), 'max(--s, --s-tilde)')];
  },
  check: (c, shape, task) => denseKernelProblem(c, shape, c.m + c.extraGenerators, task),
};
