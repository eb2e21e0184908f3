// Contracts for measuring Theorem 1's conditions on a sensing matrix A (n × p):
// - restricted eigenvalues (RSC/RSS): α_k = min and β_k = max, over every support |S| = k, of the eigenvalues
//   of (1/n)·A_Sᵀ A_S, compared with exhaustive enumeration here;
// - identifiability: "every 2s columns are independent" (α_2s > 0), so y = A w* has w* as its only s-sparse
//   solution, on matrices whose answer is known by construction.
import { restrictedEigsExact } from '../conditions/restricted-eigs.js';
import { gramOf, matrixCase, matrixOf, type DenseMatrix } from './arbitraries/matrix-case.js';
import { callUser, ContractViolation, optionsText, requireFunction, runContract, type ContractOptions, type ContractResult } from './contract.js';

export type { DenseMatrix } from './arbitraries/matrix-case.js';

export type RestrictedEigenvalues = (a: DenseMatrix, k: number) => { alpha: number; beta: number };
export type Identifiable = (a: DenseMatrix, s: number) => boolean;

export interface RestrictedEigenvaluesOptions extends ContractOptions {
  /** allowed |difference| from the enumeration, relative to max(1, β_k) (default 1e-9) */
  tolerance?: number;
}

const RSC = 'α_k and β_k equal the extreme eigenvalues of (1/n)·A_Sᵀ A_S over every |S| = k';
const IDENT = 'says whether every 2s columns are linearly independent';

const copy = (a: DenseMatrix): DenseMatrix => ({ rows: a.rows, cols: a.cols, data: a.data.slice() });

export function checkRestrictedEigenvalues(restrictedEigenvalues: RestrictedEigenvalues, options: RestrictedEigenvaluesOptions = {}): ContractResult {
  requireFunction(restrictedEigenvalues, 'restrictedEigenvalues', 'checkRestrictedEigenvalues');
  const tol = options.tolerance ?? 1e-9;
  if (!(tol >= 0 && tol < 1)) throw new RangeError(`checkRestrictedEigenvalues: options.tolerance must be in [0, 1), got ${String(options.tolerance)}`);
  return runContract(
    {
      name: 'restrictedEigenvalues',
      statement: `restrictedEigenvalues: ${RSC} (tolerance ${tol})`,
      arbitrary: matrixCase(['lifted', 'gaussian', 'duplicate']),
      predicate: (c) => {
        const a = matrixOf(c);
        const got = callUser(RSC, 'restrictedEigenvalues', () => restrictedEigenvalues(copy(a), c.k));
        if (got === null || typeof got !== 'object' || typeof got.alpha !== 'number' || typeof got.beta !== 'number')
          throw new ContractViolation(RSC, 'restrictedEigenvalues must return { alpha, beta } (numbers)');
        const want = restrictedEigsExact(gramOf(a), a.cols, c.k);
        const allowed = tol * Math.max(1, want.beta);
        for (const key of ['alpha', 'beta'] as const)
          if (!(Math.abs(got[key] - want[key]) <= allowed))
            throw new ContractViolation(
              RSC,
              `${key} = ${got[key]}, enumerating all ${want.supports} supports gives ${want[key]} (allowed gap ${allowed.toExponential(1)})`,
            );
      },
      show: (c) => ({ a: { rows: c.rows, cols: matrixOf(c).cols, data: Array.from(matrixOf(c).data) }, k: c.k }),
      defaultRuns: 100,
      replayCall: (seed, path) =>
        `checkRestrictedEigenvalues(restrictedEigenvalues, ${optionsText(seed, path, options.tolerance !== undefined ? { tolerance: tol } : {})})`,
    },
    options,
  );
}

export function checkIdentifiability(identifiable: Identifiable, options: ContractOptions = {}): ContractResult {
  requireFunction(identifiable, 'identifiable', 'checkIdentifiability');
  return runContract(
    {
      name: 'identifiable',
      statement: `identifiable: ${IDENT} (Gaussian matrices with rows ≥ 2s + 2: yes; a column duplicated up to a power of 2, or fewer rows than 2s: no)`,
      arbitrary: matrixCase(['gaussian', 'duplicate', 'few-rows']),
      predicate: (c) => {
        const a = matrixOf(c);
        const got = callUser(IDENT, 'identifiable', () => identifiable(copy(a), c.k));
        if (typeof got !== 'boolean') throw new ContractViolation(IDENT, `identifiable must return true or false, got ${JSON.stringify(got)}`);
        const want = c.kind === 'gaussian';
        if (got !== want)
          throw new ContractViolation(IDENT, `answered ${got} for a ${c.kind} matrix (${a.rows} × ${a.cols}, s = ${c.k}); the answer is ${want}`);
      },
      show: (c) => ({ kind: c.kind, a: { rows: c.rows, cols: matrixOf(c).cols, data: Array.from(matrixOf(c).data) }, s: c.k }),
      defaultRuns: 100,
      replayCall: (seed, path) => `checkIdentifiability(identifiable, ${optionsText(seed, path)})`,
    },
    options,
  );
}
