// sparse-recovery-lab/contracts: the project's properties as contracts anyone can run on their own
// implementations, in any test runner or none. Each check returns a result; a failed contract never throws.
export { type ContractOptions, type ContractResult } from './contract.js';
export { checkTopS, numpyTopS, type TopS, type TopSOptions } from './top-s.js';
export { checkLiftedOperator, type LiftedOperatorFactory, type LiftedOperatorLike, type LiftedOperatorOptions, type LiftedProblem } from './lifted-operator.js';
export { checkIhtSolver, SOLVER_REGIME, type IhtProblem, type IhtSolver, type IhtSolverOptions } from './iht-solver.js';
export {
  checkIdentifiability,
  checkRestrictedEigenvalues,
  type DenseMatrix,
  type Identifiable,
  type RestrictedEigenvalues,
  type RestrictedEigenvaluesOptions,
} from './restricted-eigenvalues.js';
export { checkAdapter, CONTRACT_NAMES, type AdapterRun, type ContractExport } from './adapter.js';
