import { describe, expect, test } from 'vitest';
import { CELL_FIELDS } from './cell-config.js';
import { ConfigError, configSchema, defaults, parseFlags, validateConfig } from './fields.js';
import { canonicalJson, configHash } from './hash.js';

describe('cell config from flags', () => {
  test('the documented flags parse into typed values', () => {
    const { config, extras } = parseFlags(
      CELL_FIELDS,
      ['--task', 'planted', '--m', '10', '--s=500', '--out-dim', '1', '--scp-every', '5', '--convex', '--json', '--first-step-mu', '1e-14'],
      ['json'],
    );
    expect(config.m).toBe(10);
    expect(config.s).toBe(500);
    expect(config.scpEvery).toBe(5);
    expect(config.convex).toBe(true);
    expect(config.firstStepMu).toBe(1e-14);
    expect(extras.has('json')).toBe(true);
  });
  test.each([
    [['--bogus', '1'], /--bogus/],
    [['--m', 'abc'], /--m must be a number/],
    [['--m', '0'], /--m must be ≥ 1/],
    [['--m', '2.5'], /--m must be an integer/],
    [['--task', 'cifar'], /--task must be one of planted, gaussian, binary-mnist/],
    [['--m'], /--m needs a value/],
    [['--m', '1', '--m', '2'], /--m given twice/],
    [['m', '1'], /unexpected argument/],
    [['--convex=maybe'], /--convex takes true or false/],
    [['--armijo', '0'], /--armijo must be > 0/],
  ])('%j is refused with an error naming the flag', (argv, message) => {
    expect(() => parseFlags(CELL_FIELDS, argv as string[])).toThrow(message);
    try {
      parseFlags(CELL_FIELDS, argv as string[]);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
    }
  });
  test('config objects are validated field by field', () => {
    expect(validateConfig(CELL_FIELDS, { m: 3 }).m).toBe(3);
    expect(() => validateConfig(CELL_FIELDS, { mm: 3 })).toThrow(/config\.mm/);
    expect(() => validateConfig(CELL_FIELDS, { s: -1 })).toThrow(/config\.s/);
    expect(() => validateConfig(CELL_FIELDS, [])).toThrow(/object/);
  });
  test('the JSON schema lists every field with its description and bounds', () => {
    const schema = configSchema(CELL_FIELDS, 'CellConfig') as {
      properties: Record<string, { description: string; minimum?: number; enum?: string[] }>;
      required: string[];
    };
    expect(schema.required.sort()).toEqual(Object.keys(CELL_FIELDS).sort());
    expect(schema.properties.m!.minimum).toBe(1);
    expect(schema.properties.task!.enum).toEqual(['planted', 'gaussian', 'binary-mnist', 'mnist', 'inr-mnist', 'inr-image']);
    for (const p of Object.values(schema.properties)) expect(p.description.length).toBeGreaterThan(10);
  });
  test('the hash ignores key order and changes with any value', () => {
    const a = defaults(CELL_FIELDS);
    const b = Object.fromEntries(Object.entries(a).reverse());
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(configHash(a, 'v')).toBe(configHash(b, 'v'));
    expect(configHash({ ...a, seed: 1 }, 'v')).not.toBe(configHash(a, 'v'));
    expect(configHash(a, 'w')).not.toBe(configHash(a, 'v'));
  });
});
