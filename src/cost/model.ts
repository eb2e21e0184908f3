// The cost model: predicted CPU-seconds of a cell = Σ coefficient × term (./terms.ts), with the
// coefficients fitted to this machine class's timed runs (./coefficients.ts, written by bench/cost-fit.ts).
// It prices --estimate and orders a sweep's jobs longest first; it never changes a record.
import { FITTED } from './coefficients.js';
import type { CostTerm, CostTerms } from './terms.js';

export type Coefficients = Record<CostTerm, number>;

export function secondsOf(terms: CostTerms, coefficients: Coefficients = FITTED.coefficients): number {
  let s = 0;
  for (const [term, amount] of Object.entries(terms) as Array<[CostTerm, number]>) s += coefficients[term] * amount;
  return s;
}
