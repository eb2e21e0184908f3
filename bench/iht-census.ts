// Multiply-adds of the scalar IHT step (src/iht/step-scalar.ts) on the streaming operator, counted from
// the gates and supports a run actually used: the census behind bench/iht-floor.ts. A product on a
// support costs, per block, its active rows × its support entries; the step's products are fixed by
// step-scalar.ts (test/iht-census.test.ts holds this file to the calls the step makes).
import type { LiftedOperator } from '../src/lifted/operator.js';

export interface MacCensus {
  /** A_T·u products (support-restricted), rows × support entries */
  apply: number;
  /** A_Tᵀ·r products (support-restricted) */
  adjoint: number;
  /** the full gradient sweep Aᵀr, active rows × d per live block */
  sweep: number;
  /** gates x_i·h_j over all n rows, once per live block and generator version */
  gate: number;
}

export const KINDS = ['apply', 'adjoint', 'sweep', 'gate'] as const satisfies ReadonlyArray<keyof MacCensus>;

export const emptyCensus = (): MacCensus => ({ apply: 0, adjoint: 0, sweep: 0, gate: 0 });

export function addCensus(into: MacCensus, c: MacCensus): MacCensus {
  for (const k of KINDS) into[k] += c[k];
  return into;
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Active rows of every block under the operator's current generators (0 for a zero block). */
export function activeRows(A: LiftedOperator): number[] {
  const words = new Uint32Array(Math.ceil(A.rows / 32));
  return Array.from({ length: A.numBlocks }, (_, j) => {
    if (A.isZeroBlock(j)) return 0;
    A.gateWords(j, words);
    let n = 0;
    for (const w of words) n += popcount(w);
    return n;
  });
}

/** Multiply-adds of one product on the sorted support `idx` (columns of A, blocks of d). */
export function productMacs(active: readonly number[], d: number, idx: ArrayLike<number>): number {
  let macs = 0;
  for (let t = 0; t < idx.length; t++) macs += active[Math.floor(idx[t]! / d)]!;
  return macs;
}

/** One scalar step from a point with support S to one with support T: two products on S (the residual
 *  and the normalized step's A_S·g; none from w = 0), the sweep, one product on T to start the
 *  refinement and `innerSteps` adjoint/apply pairs on T. */
export function stepMacs(active: readonly number[], d: number, S: ArrayLike<number>, T: ArrayLike<number>, innerSteps: number): MacCensus {
  const onT = productMacs(active, d, T);
  return {
    apply: 2 * productMacs(active, d, S) + (T.length > 0 ? (1 + innerSteps) * onT : 0),
    adjoint: T.length > 0 ? innerSteps * onT : 0,
    sweep: active.reduce((sum, a) => sum + a * d, 0),
    gate: 0,
  };
}

/** Multiply-adds of computing every live gate of the operator's generators once: n × the entries of
 *  each live block's generator (all d for a random one, its nonzeros for a sparse one). */
export function gateMacs(A: LiftedOperator): number {
  const scratch = new Float64Array(A.blockSize);
  let macs = 0;
  for (let j = 0; j < A.numBlocks; j++) {
    if (A.isZeroBlock(j)) continue;
    const view = A.generators.view(j, scratch);
    if (view.kind === 'dense') macs += A.rows * A.blockSize;
    else if (view.kind === 'sparse') macs += A.rows * view.idx.length;
  }
  return macs;
}
