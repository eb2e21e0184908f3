// Written by bench/cost-fit.ts: do not edit by hand (rerun `npm run bench`).
// Seconds per unit of each cost term (src/cost/terms.ts).
import type { Coefficients } from './model.js';

export const FITTED: { fitted: string; cells: number; coefficients: Coefficients } = {
  fitted: '2026-12-06, Node v20.20.2',
  cells: 19,
  coefficients: {
    'iht.sweep': 9.483848e-11,
    'iht.support': 5.804013e-9,
    'iht.support-blocks': 4.734195e-8,
    'iht.cell': 5.607807e-1,
    'imp.dense': 3.852867e-10,
    'imp.sparse': 2.674781e-10,
    'imp.sparse-units': 6.644429e-10,
    'imp.steps': 2.82207e-4,
    'imp.eval': 1.844193e-10,
    'imp.cell': 2.711747e-2,
  },
};
