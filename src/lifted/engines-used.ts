// The engines that computed a result, as records report them: sorted, distinct, joined by '+' (null: none).
import { DivergenceError } from '../sparse/divergence.js';
import type { LiftedOperator } from './operator.js';

export function enginesOf(...operators: ReadonlyArray<LiftedOperator | null>): string[] {
  return operators.flatMap((A) => (A?.stats().engine ? [A.stats().engine!] : []));
}

export function engineLabel(engines: Iterable<string>): string | null {
  return [...new Set(engines)].sort().join('+') || null;
}

/** Runs `body`; a divergence on the way out carries the engines that computed so far (a diverged cell's
 *  record still says what computed it). */
export function annotateDivergence<T>(engines: () => string[], body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof DivergenceError) e.engines.push(...engines());
    throw e;
  }
}
