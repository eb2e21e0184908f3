// Issue 12: each fault a new user hit on purpose, as a regression test (each failed on the code before).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults, parseFlags } from '../src/config/fields.js';
import { InputError } from '../src/config/input-error.js';
import { EXIT, runCommand } from '../src/cli/exit.js';
import { cifarInrImage, parseCifar, CIFAR_RECORD } from '../src/data/cifar.js';
import { DataFileError } from '../src/data/idx.js';
import { aggregate } from '../src/golden/aggregate.js';
import { compareGolden, driftTable, GoldenError, readGolden, readGoldenFor, writeGolden } from '../src/golden/golden.js';
import { admitCell, predictedBytes } from '../src/tasks/admit.js';
import { runCell } from '../src/run/run-cell.js';
import { runPool } from '../src/run/pool.js';
import { ThreadSlots } from '../src/run/thread-slots.js';
import { recordDigestOf, TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { ResultStore } from '../src/run/store.js';
import { ensureWritableDir } from '../src/run/output-dir.js';
import { expand, runSweep, type SweepSpec } from '../src/run/sweep.js';
import { figureById } from '../src/experiments/figures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'srl-rel-'));
const cli = (args: string[], timeout = 120_000) => spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...args], { encoding: 'utf8', timeout });
const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), ...over });
const small: Partial<CellConfig> = { task: 'planted', n: 200, d: 5, m: 2, s: 4, epochs: 2 };
const spec: SweepSpec = { name: 'rel-grid', base: { task: 'planted', d: 5, n: 200, epochs: 2 }, methods: ['iht'], m: [1, 2], s: [2, 4], seeds: [0] };
const canonical = (r: CellRecord) => {
  const c: Record<string, unknown> = { ...r };
  for (const f of TIMING_FIELDS) delete c[f];
  return JSON.stringify(c);
};
/** One line on stderr naming `input`, no stack. */
const oneLine = (stderr: string, input: RegExp) => {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('warning:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(input);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('1. one error path, whichever thread hits it', () => {
  test('a data-file error in a worker thread stays an input error (the pool used to wrap it as a bug)', async () => {
    const bad = cell({ task: 'inr-image', cifarFile: join(tmp(), 'nope.bin'), m: 2, s: 20, epochs: 1 });
    const good = cell(small);
    // the front of the queue goes to the worker thread, the back to this thread
    const err = await runPool([[bad], [good]], 2, () => {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^\/.*nope\.bin: cannot read \(ENOENT\)$/);
  });

  test("a queue worker's thread that dies mid-job is replaced: that job fails, the next one runs in the same slot", async () => {
    const slots = new ThreadSlots(1);
    try {
      const first = slots.run([cell(small)]);
      await (slots as unknown as { slots: { thread: { terminate(): Promise<number> } }[] }).slots[0]!.thread.terminate();
      await expect(first).rejects.toThrow(/exited \(code \d+\) while computing/);
      const [rec] = await slots.run([cell({ ...small, seed: 7 })]);
      expect(rec!.config.seed).toBe(7);
      expect(rec!.supportRecovered).toBeTypeOf('boolean');
    } finally {
      await slots.close();
    }
  }, 30_000); // a dead thread kept in its slot never answers: the variant without replacement hangs here

  test('exit codes: input error 2 with one line, a bug 3 with its stack', async () => {
    let text = '';
    expect(
      await runCommand(
        () => {
          throw new DataFileError('f.bin', 'truncated');
        },
        (t) => (text += t),
      ),
    ).toBe(EXIT.input);
    expect(text).toBe('error: f.bin: truncated\n');
    text = '';
    expect(
      await runCommand(
        () => {
          throw new TypeError('x is undefined');
        },
        (t) => (text += t),
      ),
    ).toBe(EXIT.internal);
    expect(text).toMatch(/internal error.*\n.*TypeError: x is undefined\n\s+at /);
    expect(await runCommand(() => 1)).toBe(EXIT.drift);
  });

  test("the issue's repro: --cifar-file nope.bin with the default workers exits 2 before any cell", () => {
    const out = tmp();
    const r = cli(['--profile', 'smoke', '--figure', 'fig5-inr-image-1layer', '--cifar-file', 'nope.bin', '--out', out]);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /nope\.bin: cannot read \(ENOENT\)/);
    expect(existsSync(join(out, 'store'))).toBe(false);
  });
});

describe('2. the store verifies what it reads', () => {
  const corruptions: Array<[string, (file: string, rec: CellRecord) => void, RegExp]> = [
    ['truncated', (f) => writeFileSync(f, readFileSync(f, 'utf8').slice(0, 50)), /not JSON/],
    ['empty', (f) => writeFileSync(f, ''), /not JSON/],
    ['garbage', (f) => writeFileSync(f, '\u0000\u00ff garbage'), /not JSON/],
    ['null', (f) => writeFileSync(f, 'null'), /not a record/],
    [
      'a directory',
      (f) => {
        spawnSync('rm', [f]);
        mkdirSync(f);
      },
      /unreadable \(EISDIR\)/,
    ],
    ['wrong hash inside', (f, r) => writeFileSync(f, JSON.stringify({ ...r, configHash: '0123456789abcdef' })), /its key is 0123456789abcdef/],
    ['psnr edited', (f, r) => writeFileSync(f, JSON.stringify({ ...r, psnr: (r.psnr ?? 0) + 1 })), /does not match its recordDigest/],
    ['config.n edited', (f, r) => writeFileSync(f, JSON.stringify({ ...r, config: { ...r.config, n: 201 } })), /config differs/],
    [
      'config.n and its digest edited',
      (f, r) => {
        const e = { ...r, config: { ...r.config, n: 201 } };
        writeFileSync(f, JSON.stringify({ ...e, recordDigest: recordDigestOf(e) }));
      },
      /config differs/,
    ],
  ];
  test.each(corruptions)('a %s record is reported, moved aside and recomputed', async (_name, corrupt, why) => {
    const dir = tmp();
    const problems: string[] = [];
    const store = new ResultStore(dir, (p) => problems.push(`${p.file}: ${p.why}`));
    const first = await runSweep(spec, store, { workers: 1 });
    const victim = expand(spec)[1]!;
    const file = join(dir, `${ResultStore.key(victim)}.json`);
    corrupt(file, first.records[1]!);
    const again = await runSweep(spec, store, { workers: 1 });
    expect(again.computed).toBe(1);
    expect(problems).toEqual([expect.stringMatching(why)]);
    expect(problems[0]).toContain(file);
    expect(readdirSync(join(dir, 'quarantine'))).toHaveLength(1);
    expect(again.records.map(canonical)).toEqual(first.records.map(canonical));
  });
});

describe('3. store keys include the content of the data files', () => {
  test('the same --cifar-file path with new content gets a new key (a run of its own process)', () => {
    const dir = tmp();
    const file = join(dir, 'test_batch.bin');
    const image = (shift: number) => {
      const bytes = new Uint8Array(1001 * CIFAR_RECORD);
      for (let r = 0; r < 1001; r++) {
        bytes[r * CIFAR_RECORD] = r % 2;
        for (let p = 1; p < CIFAR_RECORD; p++) bytes[r * CIFAR_RECORD + p] = (p * 7 + r + shift) % 256;
      }
      return bytes;
    };
    const keyOf = () => {
      const r = cli(['cell', '--task', 'inr-image', '--cifar-file', file, '--m', '2', '--s', '20', '--epochs', '1', '--json', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as CellRecord;
    };
    writeFileSync(file, image(0));
    const a = keyOf();
    writeFileSync(file, image(1));
    const b = keyOf();
    expect(a.config).toEqual(b.config);
    expect(a.dataDigest).not.toBe(b.dataDigest);
    expect(a.configHash).not.toBe(b.configHash);
  });

  test('MNIST cells carry the digest of the four IDX files; generated data carries none', () => {
    const r = runCell(cell({ task: 'inr-mnist', m: 2, s: 10, epochs: 1 }));
    expect(r.dataDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(runCell(cell(small)).dataDigest).toBeNull();
  });
});

describe('4. two runs on one --out', () => {
  test('run side by side: both exit 0, no cell is computed twice, no temp file is lost', async () => {
    const out = tmp();
    const args = ['--import', 'tsx', 'reproduce.ts', '--profile', 'smoke', '--figure', 'fig1-planted-1layer', '--out', out, '--workers', '1'];
    const { spawn } = await import('node:child_process');
    const runOne = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        c.on('close', (code) => resolve({ code, stderr }));
      });
    const [a, b] = await Promise.all([runOne(), runOne()]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const computed = (s: string) => Math.max(0, ...[...s.matchAll(/\((\d+) computed now\)/g)].map((m) => Number(m[1])));
    expect(computed(a.stderr) + computed(b.stderr)).toBe(expand(figureById('fig1-planted-1layer').sweep('smoke')).length);
    expect(readdirSync(join(out, 'store')).filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  test("the summary lists every figure of the profile in the store, not only the last run's", () => {
    const out = tmp();
    expect(cli(['--profile', 'smoke', '--figure', 'fig1-planted-2layers', '--out', out, '--quiet']).status).toBe(0);
    expect(cli(['--profile', 'smoke', '--figure', 'table1-scp-ablation', '--out', out, '--quiet']).status).toBe(0);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/2 hidden layers[\s\S]*from the store \(an earlier run on this --out\)/);
    expect(summary).toMatch(/Tables 1–2[\s\S]*table1-scp-ablation: matches its golden file/);
  });
});

describe('5. a bad --out is one line, exit 2, at once', () => {
  test.each([
    ['/proc/srl-results', /--out \/proc\/srl-results: \/proc is on a pseudo file system/],
    ['/sys/srl-results', /--out \/sys\/srl-results: \/sys is on a pseudo file system/],
    ['FILE/sub', /--out .*\/plain\/sub: cannot use .*plain: a part of the path is a file \(ENOTDIR\)/],
  ])('--out %s', (where, message) => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain'), 'x');
    const r = cli(['--profile', 'smoke', '--figure', 'fig1-planted-1layer', '--out', where.replace('FILE', join(dir, 'plain')), '--quiet'], 20_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    oneLine(r.stderr, message);
  });
});

describe('5. the output folder check, in process', () => {
  test('creates nested folders one level at a time, probes them, and names the flag when it cannot', () => {
    const dir = tmp();
    ensureWritableDir(join(dir, 'a', 'b', 'c'), '--out');
    expect(readdirSync(join(dir, 'a', 'b', 'c'))).toEqual([]);
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => ensureWritableDir(join(dir, 'file'), '--out')).toThrow(/^--out .*file: cannot use .*file: a part of the path is a file \(ENOTDIR\)$/);
    expect(() => ensureWritableDir('/proc/x/y', '--golden-dir')).toThrow(/^--golden-dir \/proc\/x\/y: \/proc is on a pseudo file system/);
    expect(() => ensureWritableDir('/proc/self/fd', '--out')).toThrow(InputError);
  });
});

describe('6–7. golden files: a missing one does not stop the others; headers and run identities are compared', () => {
  test('one missing and one invalid golden file: the third figure still runs, the summary is written, exit 2', () => {
    const out = tmp();
    const goldens = tmp();
    for (const f of ['fig1-planted-2layers', 'table1-scp-ablation'])
      writeFileSync(join(goldens, `${f}.smoke.json`), readFileSync(join('golden', `${f}.smoke.json`)));
    writeFileSync(join(goldens, 'table1-scp-ablation.smoke.json'), '{"schema":');
    const r = cli([
      '--profile',
      'smoke',
      '--figure',
      'fig2-planted-vector-2layers,fig1-planted-2layers,table1-scp-ablation',
      '--out',
      out,
      '--golden-dir',
      goldens,
      '--quiet',
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/fig1-planted-2layers: matches its golden file/);
    expect(r.stderr).toMatch(/^warning: .*fig2-planted-vector-2layers\.smoke\.json: no golden file/m);
    expect(r.stderr).toMatch(/^error: fig2-planted-vector-2layers: .*no golden: run --update-golden/m);
    expect(r.stderr).toMatch(/^error: table1-scp-ablation: .*not valid JSON/m);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/Figures not checked against a golden file[\s\S]*fig2-planted-vector-2layers[\s\S]*table1-scp-ablation/);
  });

  test('a golden file for another figure, profile or metric is refused; duplicate keys are refused; configHashes and streams drift', async () => {
    const dir = tmp();
    const res = await runSweep(spec, new ResultStore(tmp()), { workers: 1 });
    const cells = aggregate(res.records, 'psnr');
    const file = join(dir, 'g.json');
    const g = writeGolden(file, { figure: 'rel-grid', profile: 'smoke', streams: 'reference', metric: 'psnr', cells });
    expect(readGoldenFor(file, { figure: 'rel-grid', profile: 'smoke', metric: 'psnr' }).cells).toHaveLength(cells.length);
    expect(() => readGoldenFor(file, { figure: 'other', profile: 'smoke', metric: 'psnr' })).toThrow(/header says figure 'rel-grid', this run needs 'other'/);
    expect(() => readGoldenFor(file, { figure: 'rel-grid', profile: 'quick', metric: 'psnr' })).toThrow(GoldenError);
    expect(() => readGoldenFor(file, { figure: 'rel-grid', profile: 'smoke', metric: 'accuracy' })).toThrow(/metric 'psnr'/);
    writeFileSync(join(dir, 'dup.json'), JSON.stringify({ ...g, cells: [...g.cells, g.cells[0]] }));
    expect(() => readGolden(join(dir, 'dup.json'))).toThrow(/cell key 'iht\|m=1\|s=2' appears twice/);
    // same numbers from other runs (e.g. another n): the old comparison passed this
    const otherRuns = cells.map((c) => ({ ...c, configHashes: ['ffffffffffffffff'] }));
    expect(compareGolden(otherRuns, g).map((d) => d.field)).toEqual(cells.map(() => 'configHashes'));
    expect(compareGolden(cells, g, { metric: 'psnr', streams: 'named' })).toEqual([expect.objectContaining({ cell: '(header)', field: 'streams' })]);
    expect(compareGolden(cells, g)).toEqual([]);
  });

  test("IMP's tolerance comes from the figure's metric, not from the file's header", () => {
    const impCell = {
      key: 'imp|m=2|s=4',
      method: 'imp' as const,
      m: 2,
      s: 4,
      extra: null,
      seeds: 1,
      finite: 1,
      mean: 0.9,
      std: null,
      zeroPsnr: null,
      constantPsnr: null,
      nnz: 4,
      convergenceStep: null,
      converged: null,
      protocol: 'reference' as const,
      diverged: 0,
      configHashes: ['0123456789abcdef'],
      backend: 'wasm',
      skipReasons: [],
      dataSource: null,
    };
    const want = {
      schema: 'sparse-recovery-lab/golden@5' as const,
      figure: 'f',
      profile: 'smoke' as const,
      codeVersion: 'x',
      streams: 'reference' as const,
      metric: 'psnr' as const,
      cells: [impCell],
    };
    const got = [{ ...impCell, mean: 0.6 }];
    expect(compareGolden(got, want, { metric: 'psnr', streams: 'reference' })).toEqual([]); // 1 dB
    expect(compareGolden(got, want, { metric: 'accuracy', streams: 'reference' })).toHaveLength(1); // 0.02
  });
});

describe('8. flags that do not apply are errors; a capped s is recorded', () => {
  const given = (argv: string[]) => {
    const p = parseFlags(CELL_FIELDS, argv);
    return () => admitCell(p.config, { given: p.given });
  };
  test.each([
    [['--method', 'iht-theory', '--convex'], /--convex applies to --method iht, not iht-theory/],
    [['--method', 'iht-theory', '--batch', '10'], /--batch applies to --method iht\|imp, not iht-theory/],
    [['--method', 'iht-theory', '--scp-every', '2'], /--scp-every/],
    [['--method', 'iht-theory', '--task', 'gaussian', '--kernel', 'dense'], /--kernel applies to --task/],
    [['--task', 'gaussian', '--layers', '2'], /--layers applies to --task/],
    [['--task', 'gaussian', '--batch', '10'], /--batch/],
    [['--task', 'gaussian', '--convex'], /--convex/],
    [['--s-tilde', '8'], /--s-tilde applies to --method iht-theory, not iht/],
    [['--cifar-file', 'x.bin'], /--cifar-file applies to --task inr-image, not planted/],
    [['--lr', '0.1'], /--lr applies to --method imp/],
  ])('%j', (argv, message) => {
    expect(given(argv)).toThrow(message);
  });

  test('the same flags where they apply are accepted; the CLI says which flag', () => {
    expect(given(['--method', 'imp', '--lr', '0.1', '--batch', '10'])).not.toThrow();
    const r = cli(['cell', '--task', 'gaussian', '--layers', '2']);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /--layers applies to --task planted\|binary-mnist/);
  });

  test('s above what the planted matrices hold is recorded as sCapped', () => {
    expect(runCell(cell({ ...small, s: 4 })).sCapped).toBe(false);
    expect(runCell(cell({ ...small, s: 40 })).sCapped).toBe(true); // m·d = 10
    expect(runCell(cell({ ...small, outDim: 3, s: 12 })).sCapped).toBe(false); // output matrix m×k = 6 = 12/2
    expect(runCell(cell({ ...small, outDim: 3, s: 14 })).sCapped).toBe(true); // 6 < 14/2
    expect(runCell(cell({ task: 'gaussian', m: 20, n: 30, s: 30, epochs: 1 })).sCapped).toBe(true);
    expect(runCell(cell({ task: 'inr-mnist', m: 2, s: 10, epochs: 1 })).sCapped).toBeNull();
  });
});

describe('9. a memory guard before anything is allocated', () => {
  test.each([
    [['--out-dim', '1e8'], /--n·--out-dim/],
    [['--method', 'iht-theory', '--extra-generators', '1e9'], /--extra-generators/],
    [['--out-dim', '1e9'], /--n·--out-dim = 5\.00e\+13 elements in one array/],
    [['--n', '1e8', '--d', '1e4'], /--n·--d = 1\.00e\+12 elements/],
    [['--s', '1e9'], /--s/],
  ])('cell %j is refused at once, naming the flags', (argv, message) => {
    const t0 = Date.now();
    const r = cli(['cell', ...argv], 30_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    oneLine(r.stderr, message);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  test("the limit is a flag; the default (this machine) admits every cell of the quick and paper profiles' small figures", () => {
    const c = cell({ task: 'planted', n: 50000, d: 100, m: 10, s: 500 });
    expect(() => admitCell(c, { memoryLimit: 2 ** 30 })).not.toThrow();
    expect(() => admitCell(c, { memoryLimit: predictedBytes(c) - 1 })).toThrow(/more than the memory limit 0\.\d GiB \(--memory-limit-gb/);
    expect(() => admitCell(c)).not.toThrow();
  });
});

describe('10. smaller things', () => {
  test('pipes in drift-table cells are escaped (the Markdown table keeps its columns)', () => {
    const t = driftTable('f', [{ cell: 'iht|m=2|s=4', field: 'mean', got: '1', want: '2', diff: 'a|b' }]);
    const row = t.split('\n')[3]!;
    expect(row).toBe('| iht\\|m=2\\|s=4 | mean | 1 | 2 | a\\|b |');
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
  });

  test('--beta 1e400 and --m 1e30 say what is wrong', () => {
    expect(() => parseFlags(CELL_FIELDS, ['--beta', '1e400'])).toThrow("--beta must be a finite number, got '1e400' (beyond float64's range)");
    expect(() => parseFlags(CELL_FIELDS, ['--m', '1e30'])).toThrow(/--m is too large: 1e\+30/);
    expect(() => parseFlags(CELL_FIELDS, ['--m', '2.5'])).toThrow('--m must be an integer, got 2.5');
  });

  test('too few CIFAR images names the file; an all-black image is refused, not scored as a perfect fit', () => {
    const few = new Uint8Array(10 * CIFAR_RECORD);
    expect(() => cifarInrImage(parseCifar(few, 'few.bin'), 1000, 'few.bin')).toThrow(/^few\.bin: the airplane\/automobile test subset has 10 images/);
    const dir = tmp();
    const black = new Uint8Array(1001 * CIFAR_RECORD);
    writeFileSync(join(dir, 'black.bin'), black);
    const r = cli(['cell', '--task', 'inr-image', '--cifar-file', join(dir, 'black.bin'), '--m', '2', '--s', '20', '--epochs', '1']);
    expect(r.status).toBe(2);
    oneLine(r.stderr, /black\.bin: element 1000 of the airplane\/automobile test subset is constant/);
  });
});
