// The CLI commands called in-process (so coverage sees them), stdout/stderr captured.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { CELL_FIELDS } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { cellSeconds } from '../src/tasks/cost.js';
import { sweepSeconds } from '../src/run/sweep.js';
import { figureById } from '../src/experiments/figures.js';
import { stderrProgress } from '../src/run/progress.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    err.push(String(c));
    return true;
  });
  return { out: () => out.join(''), err: () => err.join('') };
}
afterEach(() => vi.restoreAllMocks());

describe('cell command, in process', () => {
  test.each([
    [['--task', 'gaussian', '--m', '60', '--n', '30', '--s', '3', '--epochs', '4'], /relative error/],
    [
      [
        '--task',
        'planted',
        '--method',
        'iht-theory',
        '--m',
        '2',
        '--s',
        '4',
        '--d',
        '4',
        '--n',
        '300',
        '--extra-generators',
        '1',
        '--labels',
        'float64',
        '--epochs',
        '400',
      ],
      /theory: β = /,
    ],
    [['--task', 'planted', '--method', 'imp', '--m', '2', '--s', '3', '--d', '4', '--n', '100', '--epochs', '2', '--backend', 'cpu'], /IMP: \d+ rounds on cpu/],
    [['--task', 'planted', '--m', '2', '--s', '20', '--layers', '2', '--n', '50', '--d', '3'], /skipped: hidden layer would be more than dense/],
    [['--task', 'inr-image', '--m', '2', '--s', '5', '--epochs', '1'], /data: STAND-IN/],
    [['--task', 'binary-mnist', '--m', '2', '--s', '5', '--epochs', '1', '--batch', '5000'], /accuracy \d+\.\d+ %/],
  ])('%j prints a readable summary', async (argv, pattern) => {
    const c = capture();
    expect(await main(['cell', ...(argv as string[])])).toBe(0);
    expect(c.out()).toMatch(pattern as RegExp);
  });
  test('--json prints one record; progress goes to stderr', async () => {
    const c = capture();
    await main(['cell', '--task', 'planted', '--m', '2', '--s', '4', '--d', '4', '--n', '100', '--epochs', '3', '--json']);
    expect(JSON.parse(c.out()).config.m).toBe(2);
    expect(c.err()).toMatch(/step 3\/3/);
  });
  test('--help', async () => {
    const c = capture();
    await main(['cell', '--help']);
    expect(c.out()).toMatch(/--scp-every/);
  });
  test("--estimate prints the cost model's seconds without running the cell (no progress); --json gives them with the terms", async () => {
    const argv = [
      'cell',
      '--task',
      'planted',
      '--method',
      'imp',
      '--m',
      '50',
      '--s',
      '100',
      '--n',
      '50000',
      '--layers',
      '2',
      '--out-dim',
      '10',
      '--epochs',
      '20',
      '--batch',
      '5000',
    ];
    let c = capture();
    expect(await main([...argv, '--estimate'])).toBe(0);
    const cfg = {
      ...defaults(CELL_FIELDS),
      task: 'planted' as const,
      method: 'imp' as const,
      m: 50,
      s: 100,
      n: 50000,
      layers: 2,
      outDim: 10,
      epochs: 20,
      batch: 5000,
    };
    expect(c.out()).toMatch(new RegExp(`^estimate: ${cellSeconds(cfg).toFixed(1)} CPU-s for planted/imp \\(cost model fitted .* imp\\.sparse \\d`));
    expect(c.err()).toBe('');
    vi.restoreAllMocks();
    c = capture();
    expect(await main([...argv, '--estimate', '--json'])).toBe(0);
    const e = JSON.parse(c.out()) as { estimatedCpuSeconds: number; terms: Record<string, number> };
    expect(e.estimatedCpuSeconds).toBe(cellSeconds(cfg));
    expect(e.terms['imp.steps']).toBeGreaterThan(20 * 10 * 40); // 20 epochs of 10 steps, about 42 rounds
  });
});

describe('conditions command, in process', () => {
  test('table and JSON', async () => {
    const c = capture();
    await main(['conditions', '--m', '2', '--s', '2', '--d', '3', '--n', '300', '--extra-generators', '1']);
    await main(['conditions', '--m', '2', '--s', '2', '--d', '3', '--n', '300', '--json']);
    await main(['conditions', '--help']);
    expect(c.out()).toMatch(/certified: exact enumeration/);
    expect(c.out()).toMatch(/"verdict"/);
    expect(c.out()).toMatch(/usage: sparse-recovery-lab conditions/);
  });
});

describe('profile command, in process', () => {
  test('--estimate prints a cost table; --help lists the figures', async () => {
    const c = capture();
    expect(await main(['reproduce', '--profile', 'paper', '--estimate'])).toBe(0);
    expect(await main(['reproduce', '--help'])).toBe(0);
    // jobs with IMP paths shared, and one run per cell: sharing costs less
    const total = /\| total \| +\| +\| ([\d.]+) .*\| ([\d.]+) \|/.exec(c.out())!;
    expect(Number(total[1])).toBeLessThan(Number(total[2]));
    expect(c.out()).toMatch(/figures: fig1-planted-1layer/);
  });
  test('a run writes goldens with --update-golden, then matches them; a changed grid drifts (exit 1)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'srl-prof-'));
    const golden = join(out, 'golden');
    const c = capture();
    const args = ['--profile', 'smoke', '--figure', 'table1-scp-ablation', '--out', out, '--golden-dir', golden, '--workers', '1'];
    expect(await main(['reproduce', ...args, '--update-golden', '--figures-dir', join(out, 'tracked')])).toBe(0);
    expect(existsSync(join(out, 'tracked', 'smoke', 'table1-scp-ablation.png'))).toBe(true);
    expect(await main(['reproduce', ...args])).toBe(0);
    expect(c.out()).toMatch(/table1-scp-ablation: matches its golden file/);
    expect(c.err()).toMatch(/\[table1-scp-ablation\] \d+\/2 cells/);
    // a golden value moved by hand: the (stored, reused) results now drift, exit code 1, drift table printed
    const file = join(golden, 'table1-scp-ablation.smoke.json');
    const g = JSON.parse(readFileSync(file, 'utf8'));
    g.cells[0].mean += 3;
    writeFileSync(file, JSON.stringify(g));
    expect(await main(['reproduce', ...args])).toBe(1);
    expect(c.out()).toMatch(
      /table1-scp-ablation: 1 drift\(s\)\n\| cell \| field \| got \| want \| diff \|\n\|---\|---\|---\|---\|---\|\n\| iht\\\|m=10\\\|s=500\\\|1 \| mean \|/,
    );
    // a figure without a golden file still runs; the run ends with exit 2 and says what to do
    expect(await main(['reproduce', '--profile', 'smoke', '--figure', 'fig4-inr-mnist-1layer', '--out', out, '--golden-dir', golden, '--workers', '1'])).toBe(
      2,
    );
    expect(c.err()).toMatch(/error: fig4-inr-mnist-1layer: .*no golden file.*no golden: run --update-golden/);
  }, 120_000);
  test('an unknown figure is a clear error', async () => {
    const c = capture();
    expect(await main(['--figure', 'fig9'])).toBe(2);
    expect(c.err()).toMatch(/unknown figure 'fig9'/);
  });
});

describe('helpers', () => {
  test('the core job refuses unknown flags', async () => {
    const c = capture();
    expect(await main(['core', '--bogus'])).toBe(2);
    expect(c.err()).toMatch(/unknown flag --bogus/);
  });
  test('progress: plain lines without a terminal, silent when disabled', () => {
    const c = capture();
    const p = stderrProgress('job')!;
    for (let i = 1; i <= 20; i++) p({ step: i, total: 20 });
    expect(c.err()).toMatch(/job: step 20\/20/);
    expect(stderrProgress('x', false)).toBeUndefined();
  });
  test('the cost model grows with the grid and the width', () => {
    const base = { ...defaults(CELL_FIELDS), n: 1000 };
    expect(cellSeconds({ ...base, m: 100 })).toBeGreaterThan(cellSeconds({ ...base, m: 10 }));
    expect(cellSeconds({ ...base, method: 'imp', s: 10 })).toBeGreaterThan(0);
    expect(sweepSeconds(figureById('fig1-planted-1layer').sweep('paper')).cells).toBe(900); // 10 m × 10 s × 3 seeds × (IHT, IMP, fair IMP)
  });
});

describe('claims command, in process', () => {
  test('bad input is one line and exit 2: no store; a store of other code only; --update-golden without every figure', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'srl-claims-'));
    let io = capture();
    expect(await main(['claims', '--profile', 'smoke', '--out', empty])).toBe(2);
    expect(io.err()).toMatch(/--out: .* holds no result store \(run the profile first/);
    vi.restoreAllMocks();
    const stale = mkdtempSync(join(tmpdir(), 'srl-claims-'));
    mkdirSync(join(stale, 'store'));
    writeFileSync(join(stale, 'store', '0123456789abcdef.json'), '{}');
    io = capture();
    expect(await main(['claims', '--profile', 'smoke', '--out', stale])).toBe(2);
    expect(io.err()).toMatch(/holds no whole figure of profile smoke computed by this code version/);
    vi.restoreAllMocks();
    const none = mkdtempSync(join(tmpdir(), 'srl-claims-'));
    mkdirSync(join(none, 'store'));
    io = capture();
    expect(await main(['claims', '--profile', 'smoke', '--out', none, '--update-golden', '--golden-dir', none])).toBe(2);
    expect(io.err()).toMatch(/--update-golden needs every figure of the profile; .* holds 0 of 11/);
    expect(existsSync(join(none, 'claims.smoke.json'))).toBe(false);
  });
});
