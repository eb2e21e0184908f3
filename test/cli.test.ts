import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });

describe('reproduce.ts cell', () => {
  test('prints one JSON record with the documented fields', () => {
    const r = run('cell', '--task', 'gaussian', '--m', '60', '--n', '30', '--s', '3', '--epochs', '5', '--seed', '1', '--json', '--quiet');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!);
    for (const k of [
      'config',
      'configHash',
      'psnr',
      'relErr',
      'nnz',
      'convergenceStep',
      'seconds',
      'cpuSeconds',
      'peakRssBytes',
      'skipped',
      'skipReason',
      'supportRecovered',
      'valuesRecovered',
    ])
      expect(rec).toHaveProperty(k);
    expect(rec.config.m).toBe(60);
    expect(rec.skipped).toBe(false);
  });
  test.each([
    [['cell', '--bogus', '3'], /unknown flag --bogus/],
    [['cell', '--m', 'ten'], /--m must be a number/],
    [['nonsense'], /unknown command 'nonsense'/],
  ])('bad input %j exits 2 and names what is wrong', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
  test('--help lists the flags', () => {
    const r = run('cell', '--help');
    expect(r.status).toBe(0);
    for (const f of ['--scp-every', '--out-dim', '--convex', '--json', '--method']) expect(r.stdout).toContain(f);
  });
});

describe('reproduce.ts conditions', () => {
  test('prints the measured constants with how each was obtained; --json gives the report', () => {
    const text = run('conditions', '--m', '2', '--s', '2', '--d', '3', '--n', '400', '--extra-generators', '1', '--seed', '3');
    expect(text.status).toBe(0);
    for (const k of ['coverage ε', 'separation γ', 'α_2s', 'κ', 'exact', 'identifiable']) expect(text.stdout).toContain(k);
    const json = run('conditions', '--m', '2', '--s', '2', '--d', '3', '--n', '400', '--extra-generators', '1', '--seed', '3', '--json');
    const rec = JSON.parse(json.stdout);
    expect(rec.verdict).toHaveProperty('theoremConditionsHold');
    expect(rec.identifiability.method).toBe('exact');
  });
  test('invalid input exits 2 naming the flag', () => {
    const r = run('conditions', '--samples', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--samples/);
  });
});
