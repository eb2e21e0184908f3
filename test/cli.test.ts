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
  test('--help and --version exit 0 for every command, after any other flag too', () => {
    for (const c of ['', 'reproduce', 'cell', 'conditions', 'check', 'contracts', 'claims', 'parity', 'core', 'worker']) {
      const args = c ? [c] : [];
      expect(run(...args, '--help').status, `${c} --help`).toBe(0);
      expect(run(...args, '--version').stdout).toMatch(/^sparse-recovery-lab \d+\.\d+\.\d+ \(code srl-[0-9a-f]{12}\)$/m);
    }
    expect(run('cell', '--m', '3', '--help').status).toBe(0);
  });
});

describe('reproduce.ts conditions', () => {
  const tiny = ['conditions', '--m', '2', '--s', '2', '--d', '3', '--n', '400', '--extra-generators', '1', '--seed', '3'];
  test('exit 0 when every condition holds, 1 when one does not, 1 with "unknown" where a level is too large to measure', () => {
    expect(run(...tiny, '--s-tilde', '100000').status).toBe(0);
    const not = run(...tiny);
    expect(not.stdout).toMatch(/Theorem 1's conditions .*: do not hold/);
    expect(not.status).toBe(1);
    const big = run('conditions', '--m', '10', '--s', '500', '--d', '100', '--n', '300', '--json');
    expect(big.status).toBe(1);
    const report = JSON.parse(big.stdout);
    expect(report.verdict).toMatchObject({ identifiable: 'unknown', theoremConditionsHold: 'unknown' });
    expect(report.kappa).toBeNull();
  });
  test('prints the measured constants with how each was obtained; --json gives the report', () => {
    const text = run(...tiny);
    expect(text.status).toBe(1);
    for (const k of ['coverage ε', 'separation γ', 'α_2s', 'κ', 'exact', 'identifiable']) expect(text.stdout).toContain(k);
    const json = run(...tiny, '--json');
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
