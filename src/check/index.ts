// sparse-recovery-lab/check: compare results — cell records, or aggregates in the golden format — with golden
// files at their per-field tolerances, from code (the CLI's `check` is this plus printing).
export { checkResults, readGoldens, type CheckReport, type FigureCheck, type GoldenSource } from './check.js';
export { readResults, type Results } from './results.js';
export { toJUnit } from './junit.js';
export type { Drift } from '../golden/golden.js';
