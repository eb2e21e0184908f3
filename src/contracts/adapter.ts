// An adapter module (a user's file exporting their implementations under well-known names) run against every
// contract it provides, as promise libraries run the Promises/A+ suite: one result per contract.
import type { ContractOptions, ContractResult } from './contract.js';
import { checkIhtSolver, type IhtSolver } from './iht-solver.js';
import { checkLiftedOperator, type LiftedOperatorFactory } from './lifted-operator.js';
import { checkIdentifiability, checkRestrictedEigenvalues, type Identifiable, type RestrictedEigenvalues } from './restricted-eigenvalues.js';
import { checkTopS, type TopS } from './top-s.js';

/** The well-known export names an adapter may provide, each checked by its contract. */
const CONTRACT_EXPORTS = {
  topS: (impl: unknown, o: ContractOptions) => checkTopS(impl as TopS, o),
  liftedOperator: (impl: unknown, o: ContractOptions) => checkLiftedOperator(impl as LiftedOperatorFactory, o),
  solve: (impl: unknown, o: ContractOptions) => checkIhtSolver(impl as IhtSolver, o),
  restrictedEigenvalues: (impl: unknown, o: ContractOptions) => checkRestrictedEigenvalues(impl as RestrictedEigenvalues, o),
  identifiable: (impl: unknown, o: ContractOptions) => checkIdentifiability(impl as Identifiable, o),
} as const;

export type ContractExport = keyof typeof CONTRACT_EXPORTS;
export const CONTRACT_NAMES = Object.keys(CONTRACT_EXPORTS) as ContractExport[];

export interface AdapterRun {
  /** the export it checked and what its contract said */
  results: Array<{ export: ContractExport; result: ContractResult }>;
  /** well-known names the adapter does not export */
  absent: ContractExport[];
}

/**
 * Runs the contract of every well-known export `adapter` provides (or only those in `only`). Per-contract
 * options come from the adapter's own `contractOptions` export (e.g. `{ topS: { ties: 'numpy' } }`),
 * overridden by `options` (seed, numRuns, timeLimitMs, path).
 */
export function checkAdapter(adapter: Record<string, unknown>, options: ContractOptions & { only?: readonly ContractExport[] } = {}): AdapterRun {
  const { only, ...common } = options;
  const own = (adapter.contractOptions ?? {}) as Partial<Record<ContractExport, ContractOptions>>;
  if (typeof own !== 'object' || own === null) throw new TypeError("the adapter's contractOptions export must be an object keyed by contract name");
  for (const name of only ?? []) if (!(name in CONTRACT_EXPORTS)) throw new RangeError(`no contract named '${name}' (known: ${CONTRACT_NAMES.join(', ')})`);
  const wanted = only?.length ? CONTRACT_NAMES.filter((n) => only.includes(n)) : CONTRACT_NAMES;
  const results: AdapterRun['results'] = [];
  const absent: ContractExport[] = [];
  for (const name of wanted) {
    if (adapter[name] === undefined) {
      absent.push(name);
      continue;
    }
    results.push({ export: name, result: CONTRACT_EXPORTS[name](adapter[name], { ...(own[name] ?? {}), ...common }) });
  }
  return { results, absent };
}
