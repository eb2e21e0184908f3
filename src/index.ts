// sparse-recovery-lab: the public API. One experiment cell from a partial config (validated like the CLI's
// flags) to its record; Theorem 1's conditions on one planted instance. The contracts and the golden check
// have entry points of their own: sparse-recovery-lab/contracts and sparse-recovery-lab/check.
import { CELL_FIELDS, type CellConfig } from './config/cell-config.js';
import { CONDITIONS_FIELDS, type ConditionsConfig } from './config/conditions.js';
import { validateConfig } from './config/fields.js';
import { memoryLimitBytes } from './config/guard.js';
import { measureConditions as measure, type ConditionsReport, type Verdict } from './conditions/measure.js';
import { admitCell } from './tasks/admit.js';
import { prepareCell } from './tasks/registry.js';
import type { Progress } from './tasks/outcome.js';
import { runCell as run } from './run/run-cell.js';
import type { CellRecord } from './run/record.js';

export type { CellConfig, CellRecord, ConditionsConfig, ConditionsReport, Progress, Verdict };
export { CELL_FIELDS, CONDITIONS_FIELDS };
export { CODE_VERSION } from './run/record.js';
export { InputError } from './config/input-error.js';

/** A full cell config: the defaults with `overrides` applied, each checked as its flag would be (an InputError names a bad field). */
export function cellConfig(overrides: Partial<CellConfig> = {}): CellConfig {
  return validateConfig(CELL_FIELDS, overrides, 'cell');
}

export interface RunCellOptions {
  /** refuse, before allocating, a cell predicted to need more memory than this (GiB); default: this machine's memory */
  memoryLimitGb?: number;
  /** called as training advances (steps, epochs or pruning rounds) */
  progress?: Progress;
}

/**
 * Runs one experiment cell, as `sparse-recovery-lab cell` does, and returns its record. The config is checked
 * and admitted first (unknown or inapplicable fields, combinations, the memory guard): bad input rejects with an InputError.
 */
export async function runCell(overrides: Partial<CellConfig> = {}, options: RunCellOptions = {}): Promise<CellRecord> {
  const cfg = cellConfig(overrides);
  admitCell(cfg, { given: new Set(Object.keys(overrides)), memoryLimit: memoryLimitBytes({ memoryLimitGb: options.memoryLimitGb ?? 0 }) });
  return run(cfg, options.progress, await prepareCell(cfg));
}

/** Measures Theorem 1's conditions on one planted instance and its dictionary (the `conditions` command's report). */
export function measureConditions(overrides: Partial<ConditionsConfig> = {}): ConditionsReport {
  return measure(validateConfig(CONDITIONS_FIELDS, overrides, 'conditions'));
}
