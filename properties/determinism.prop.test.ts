// Same seed ⇒ the same record, bit for bit (timing fields aside), over small random cells.
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { runCell } from '../src/run/run-cell.js';
import { TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { smallCell } from './arbitraries/small-cell.js';
import { property, rejects } from './harness.js';
import { PropertyViolation } from './violation.js';

const FILE = 'properties/determinism.prop.test.ts';

const cells = smallCell({ tasks: ['planted', 'gaussian'], convex: true });

const canonical = (r: CellRecord) => {
  const copy: Record<string, unknown> = { ...r };
  for (const f of TIMING_FIELDS) delete copy[f];
  return JSON.stringify(copy);
};

export function checkDeterministic(over: Partial<CellConfig>, run: (c: CellConfig) => CellRecord = runCell): void {
  const cfg: CellConfig = { ...defaults(CELL_FIELDS), ...over };
  const a = canonical(run(cfg));
  const b = canonical(run(cfg));
  if (a !== b) throw new PropertyViolation('two runs of the same config differ', { first: a.slice(0, 400), second: b.slice(0, 400) });
}

describe('determinism', () => {
  property('same config and seed ⇒ bit-identical records', cells, (c) => checkDeterministic(c), { numRuns: 20, file: FILE });
  test('rejects a broken variant: a runner that draws from an unseeded source', () => {
    const leaky = (c: CellConfig): CellRecord => ({ ...runCell(c), mse: Math.random() });
    expect(rejects(cells, (c) => checkDeterministic(c, leaky), 5)).toBe(true);
  });
});
