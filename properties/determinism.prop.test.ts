// Same seed ⇒ the same record, bit for bit (timing fields aside), over small random cells.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell.js';
import { defaults } from '../src/config/fields.js';
import { runCell } from '../src/run/cell.js';
import { TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { property, rejects } from './harness.js';
import { PropertyViolation } from './violation.js';

const FILE = 'properties/determinism.prop.test.ts';

const cells = fc.record({
  seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
  d: fc.integer({ min: 2, max: 8 }),
  m: fc.integer({ min: 1, max: 4 }),
  s: fc.integer({ min: 1, max: 12 }),
  n: fc.integer({ min: 20, max: 200 }),
  epochs: fc.integer({ min: 1, max: 4 }),
  batch: fc.constantFrom(0, 40),
  outDim: fc.constantFrom(1, 2),
  convex: fc.boolean(),
  task: fc.constantFrom('planted' as const, 'gaussian' as const),
});

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
