// Contract for a top-s selection (hard thresholding H_s): given a vector and s, the kept indices must
// form a best s-term approximation — no other choice of at most s entries leaves a smaller residual.
// Ties may be broken any way, unless `ties: 'numpy'` asks for the reference's order.
import { numpyArgsort } from '../sparse/numpy-argsort.js';
import { topSCase, topSValues, type TopSCase } from './arbitraries/top-s-case.js';
import { callUser, ContractViolation, optionsText, requireFunction, runContract, type ContractOptions, type ContractResult } from './contract.js';

/** A top-s selection: the indices of the entries it keeps (any order). It must not rely on `values` staying unchanged afterwards. */
export type TopS = (values: Float64Array, s: number) => ArrayLike<number>;

export interface TopSOptions extends ContractOptions {
  /**
   * 'any' (default): every best s-term approximation passes, ties broken any way.
   * 'numpy': the kept set must be the reference's — of the nonzero entries, in index order, the last
   * min(s, nonzeros) of NumPy's `argsort` of their magnitudes (zeros are never kept).
   */
  ties?: 'any' | 'numpy';
}

const SHAPE = 'returns at most s distinct indices within the vector';
const BEST = 'keeps a best s-term approximation (the largest magnitudes)';
const NUMPY = "breaks ties as NumPy's argsort does (ties: 'numpy')";

function keptIndices(kept: unknown, t: TopSCase): number[] {
  if (kept === null || typeof kept !== 'object' || typeof (kept as { length?: unknown }).length !== 'number')
    throw new ContractViolation(SHAPE, `topS returned ${kept === null ? 'null' : typeof kept}, not an array of indices`);
  const out = Array.from(kept as ArrayLike<unknown>);
  if (out.length > t.s) throw new ContractViolation(SHAPE, `kept ${out.length} indices with s = ${t.s}`);
  const seen = new Set<number>();
  for (const i of out) {
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= t.length)
      throw new ContractViolation(SHAPE, `index ${String(i)} is not an integer in [0, ${t.length})`);
    if (seen.has(i)) throw new ContractViolation(SHAPE, `index ${i} kept twice`);
    seen.add(i);
  }
  return out as number[];
}

/** Exact test, no sums: the kept magnitudes, sorted, must equal the s largest magnitudes (0 where fewer are kept). */
function checkBest(x: Float64Array, kept: readonly number[], s: number): void {
  const all = Array.from(x, Math.abs).sort((a, b) => b - a);
  const mine = kept.map((i) => Math.abs(x[i]!)).sort((a, b) => b - a);
  for (let t = 0; t < Math.min(s, all.length); t++) {
    const got = mine[t] ?? 0;
    if (got !== all[t]) {
      throw new ContractViolation(
        BEST,
        `kept [${[...kept].sort((a, b) => a - b).join(', ')}]; its ${t + 1}-th largest magnitude is ${got}, a best choice has ${all[t]} (residual larger than necessary)`,
      );
    }
  }
}

/** The reference's kept set: of the nonzero entries in index order, the last s of NumPy's argsort of |value|. */
export function numpyTopS(x: Float64Array, s: number): number[] {
  const nz: number[] = [];
  x.forEach((v, i) => v !== 0 && nz.push(i));
  if (nz.length <= s) return nz;
  const order = numpyArgsort(nz.map((i) => Math.abs(x[i]!)));
  return Array.from(order.subarray(nz.length - s), (t) => nz[t]!).sort((a, b) => a - b);
}

export function checkTopS(topS: TopS, options: TopSOptions = {}): ContractResult {
  requireFunction(topS, 'topS', 'checkTopS');
  const ties = options.ties ?? 'any';
  if (ties !== 'any' && ties !== 'numpy') throw new RangeError(`checkTopS: options.ties must be 'any' or 'numpy', got ${JSON.stringify(ties)}`);
  return runContract(
    {
      name: 'topS',
      statement: `topS: ${BEST}${ties === 'numpy' ? `; ${NUMPY}` : ''}`,
      arbitrary: topSCase(),
      predicate: (t) => {
        const x = topSValues(t);
        const kept = keptIndices(
          callUser(SHAPE, 'topS', () => topS(x.slice(), t.s)),
          t,
        );
        checkBest(x, kept, t.s);
        if (ties === 'numpy') {
          const want = numpyTopS(x, t.s);
          const got = [...kept].sort((a, b) => a - b);
          if (got.join(',') !== want.join(',')) throw new ContractViolation(NUMPY, `kept [${got.join(', ')}], NumPy's order keeps [${want.join(', ')}]`);
        }
      },
      show: (t) => ({ values: Array.from(topSValues(t)), s: t.s }),
      defaultRuns: 300,
      replayCall: (seed, path) => `checkTopS(topS, ${optionsText(seed, path, ties === 'numpy' ? { ties } : {})})`,
    },
    options,
  );
}
