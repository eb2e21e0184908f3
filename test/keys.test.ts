// Keys hash only what matters to a cell (issue 13): task and method, and the fields the cell reads that
// differ from their defaults; a record stores the config as the cell read it.
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { configHash, nonDefaultFields } from '../src/config/hash.js';
import { cellIdentity, storeKey, TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { runCell } from '../src/run/run-cell.js';
import { effectiveConfig, keyedFields } from '../src/tasks/applicability.js';

const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), ...over });
const key = (c: CellConfig) => storeKey(c, null);
const withoutTiming = (r: CellRecord) => {
  const o: Record<string, unknown> = { ...r };
  for (const f of [...TIMING_FIELDS, 'recordDigest']) delete o[f];
  return o;
};

describe('the hash of the fields that matter', () => {
  test('a default config is its task and method', () => {
    expect(keyedFields(cell({}))).toEqual({ task: 'planted', method: 'iht' });
  });

  test('an IMP-only knob on an IHT cell leaves its key; on an IMP cell it changes it; a full-config hash (the old scheme) would move', () => {
    const iht = cell({ m: 3, s: 6 });
    const knob = { ...iht, learningRate: 0.5, pruneFraction: 0.3 };
    expect(key(knob)).toBe(key(iht));
    expect(cellIdentity({ config: knob, dataDigest: null })).toBe(cellIdentity({ config: iht, dataDigest: null }));
    expect(configHash(knob)).not.toBe(configHash(iht));
    expect(key({ ...knob, method: 'imp' })).not.toBe(key({ ...iht, method: 'imp' }));
    expect(key({ ...iht, innerSteps: 3 })).not.toBe(key(iht));
  });

  test('a field added to the table with a default leaves every earlier hash as it was', () => {
    const c = cell({ m: 3, s: 6, seed: 4 });
    const extended = { ...CELL_FIELDS, newKnob: { kind: 'int', flag: 'new-knob', min: 0, default: 7, description: 'a later flag' } } as const;
    const before = nonDefaultFields(c, CELL_FIELDS);
    const after = nonDefaultFields({ ...c, newKnob: 7 }, extended);
    expect(configHash(after)).toBe(configHash(before));
    expect(configHash(nonDefaultFields({ ...c, newKnob: 8 }, extended))).not.toBe(configHash(before));
  });

  test('a cell runs on the config as it reads it: an unread field reaches neither its record nor its key', () => {
    const c = cell({ n: 300, d: 5, m: 2, s: 4, epochs: 2 });
    const a = runCell(c);
    const b = runCell({ ...c, learningRate: 0.5, cifarFile: 'nope.bin', extraGenerators: 9 });
    expect(withoutTiming(b)).toEqual(withoutTiming(a));
    expect(b.config).toEqual(effectiveConfig(c));
    expect(b.config.learningRate).toBe(CELL_FIELDS.learningRate.default);
  });
});
