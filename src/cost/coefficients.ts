// Written by bench/cost-fit.ts: do not edit by hand (rerun `npm run bench`).
// Seconds per unit of each cost term (src/cost/terms.ts).
import type { Coefficients } from './model.js';

export const FITTED: { fitted: string; cells: number; coefficients: Coefficients } = {
  fitted: '2026-12-06, Node v20.20.2',
  cells: 19,
  coefficients: {
    'iht.sweep': 7.887322e-11,
    'iht.support': 4.466233e-9,
    'iht.support-blocks': 3.968691e-8,
    'iht.cell': 3.961261e-1,
    'imp.dense': 2.645412e-10,
    'imp.sparse': 2.626697e-10,
    'imp.sparse-units': 1.902959e-10,
    'imp.steps': 1.208535e-4,
    'imp.eval': 8.806016e-11,
    'imp.cell': 1.858013e-1,
  },
};
