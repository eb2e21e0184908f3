// The package as others get it: `npm pack` (which builds dist/ with tsc), installed into an empty scratch
// project, then its bin and every export used from there — no tsx, no repository around it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sourceVersion } from '../src/run/version.js';

const work = mkdtempSync(join(tmpdir(), 'srl-package-'));
const project = join(work, 'scratch');
let files: string[] = [];
let tarball = '';

const bin = (...args: string[]) => spawnSync(join(project, 'node_modules', '.bin', 'sparse-recovery-lab'), args, { cwd: project, encoding: 'utf8' });
const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: project, encoding: 'utf8' });

beforeAll(() => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  ) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = join(work, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  // the registry's packages come from npm's cache where `npm ci` left them
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'ignore' });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  test('holds the compiled code, its types, the bin, schemas, goldens, the parity table, the stand-in image and the docs; no tests, no fixtures, no TypeScript sources', () => {
    for (const f of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/bin.js',
      'dist/contracts/index.d.ts',
      'dist/check/index.js',
      'dist/code-version.json',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
    ])
      expect(files, f).toContain(f);
    for (const dir of ['schemas/', 'golden/', 'parity/', 'data/stand-in/', 'docs/'])
      expect(
        files.some((f) => f.startsWith(dir)),
        dir,
      ).toBe(true);
    expect(files.filter((f) => /^(test|properties|bench|scripts|src)\/|\.test\.|fixtures/.test(f))).toEqual([]);
  });
  test('the bin: --help and --version of every command exit 0; the version names the code it was built from', () => {
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
    for (const command of ['', 'reproduce', 'cell', 'conditions', 'check', 'contracts', 'claims', 'parity', 'core', 'worker']) {
      const args = command ? [command] : [];
      const help = bin(...args, '--help');
      expect(help.status, `${command} --help`).toBe(0);
      expect(help.stdout).toMatch(/^usage: sparse-recovery-lab/);
      const v = bin(...args, '--version');
      expect(v.status).toBe(0);
      expect(v.stdout.trim()).toBe(`sparse-recovery-lab ${version} (code ${sourceVersion('src')})`);
    }
  });
  test('a cell, and a smoke figure on two executors (compiled worker threads) matching the golden files the package ships, checked again by `check`', () => {
    const cell = bin('cell', '--task', 'gaussian', '--m', '60', '--n', '30', '--s', '3', '--epochs', '5', '--json', '--quiet');
    expect(cell.status).toBe(0);
    expect(JSON.parse(cell.stdout).supportRecovered).toBe(true);
    const run = bin('--profile', 'smoke', '--figure', 'fig1-planted-1layer', '--workers', '2', '--out', 'out', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/fig1-planted-1layer: matches its golden file/);
    expect(run.status).toBe(0);
    const check = bin('check', '--golden', 'smoke', '--results', 'out', '--junit', 'junit.xml');
    expect(check.stdout).toMatch(/1 of 1 compared figure\(s\) match their golden files/);
    expect(check.status).toBe(0);
    expect(readFileSync(join(project, 'junit.xml'), 'utf8')).toMatch(/<testsuite name="fig1-planted-1layer\.smoke" tests="\d+" failures="0">/);
  });
  test('every export imports; checkTopS passes a correct top-s and fails one that keeps s − 1 entries, with a replay', () => {
    const r = node(`
      import * as root from 'sparse-recovery-lab';
      import * as contracts from 'sparse-recovery-lab/contracts';
      import * as ours from 'sparse-recovery-lab/contracts/ours';
      import * as check from 'sparse-recovery-lab/check';
      import schema from 'sparse-recovery-lab/schemas/record.schema.json' with { type: 'json' };
      import pkg from 'sparse-recovery-lab/package.json' with { type: 'json' };
      const { checkTopS } = contracts;
      const best = (v, s) => Array.from(v.keys()).sort((a, b) => Math.abs(v[b]) - Math.abs(v[a])).slice(0, s);
      const good = checkTopS(best, { seed: 1 });
      const bad = checkTopS((v, s) => best(v, s).slice(0, s - 1), { seed: 1 });
      const cell = await root.runCell({ task: 'gaussian', m: 60, n: 30, s: 3, epochs: 5 });
      console.log(JSON.stringify({
        exports: [Object.keys(root), Object.keys(contracts), Object.keys(ours), Object.keys(check)].map((k) => k.length),
        good: good.ok, bad: bad.ok, replay: bad.replay, ours: contracts.checkTopS(ours.topS, { seed: 1, ties: 'numpy' }).ok,
        schema: schema.title, version: pkg.version, recovered: cell.supportRecovered,
      }));
    `);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.exports.every((n: number) => n > 0)).toBe(true);
    expect(out).toMatchObject({ good: true, bad: false, ours: true, recovered: true });
    expect(out.replay).toMatch(/^checkTopS\(topS, \{ seed: 1, path: "[\d:]+" \}\)$/);
    expect(out.schema).toMatch(/record/i);
  });
  test('contracts ADAPTER: one line per contract, exit 1 when one fails; its replay line reproduces the failure', () => {
    writeFileSync(
      join(project, 'adapter.mjs'),
      `export const topS = (v, s) => Array.from(v.keys()).sort((a, b) => Math.abs(v[b]) - Math.abs(v[a])).slice(0, s);
       export const identifiable = () => true;`,
    );
    const r = bin('contracts', './adapter.mjs', '--seed', '5');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ok {4}topS /m);
    expect(r.stdout).toMatch(/^FAIL {2}identifiable /m);
    expect(r.stdout).toMatch(/^- {5}solve +not exported/m);
    const replay = /replay: sparse-recovery-lab (contracts .*)$/m.exec(r.stdout)![1]!.split(' ');
    const again = bin(...replay);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/^FAIL {2}identifiable /m);
    expect(bin('contracts', './missing.mjs').status).toBe(2);
  });
});
