// Bad input never crashes: random command lines (run as real processes) and random damage to IDX,
// CIFAR, golden and store files (read in-process through the same error classes the CLI maps) end in
// exit 0, 1 or 2 — never 3 (a bug) or a signal —, a 2 names its input in one line, and no stored
// record changes except by being verified, reported and replaced.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../src/config/input-error.js';
import { CIFAR_RECORD, cifarInrImage, parseCifar, requireNonConstant } from '../src/data/cifar.js';
import { encodeIdx, parseIdx } from '../src/data/idx.js';
import { compareGolden, readGoldenFor } from '../src/golden/golden.js';
import { TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { ResultStore } from '../src/run/store.js';
import { expand, runSweep, type SweepSpec } from '../src/run/sweep.js';
import { applyMutation, byteMutation, type ByteEdit } from './arbitraries/byte-mutation.js';
import { cliArgs } from './arbitraries/cli-args.js';
import { applyJsonEdit, jsonMutation, type JsonEdit } from './arbitraries/json-mutation.js';
import { checkProperty, BUDGET, property, rejects } from './harness.js';
import { PropertyViolation } from './violation.js';

const FILE = 'properties/input-fuzz.prop.test.ts';
const scratch = mkdtempSync(join(tmpdir(), 'srl-fuzz-'));
const paths = { blackCifar: join(scratch, 'black.bin'), plainFile: join(scratch, 'plain'), scratch };
writeFileSync(paths.blackCifar, new Uint8Array(1001 * CIFAR_RECORD));
writeFileSync(paths.plainFile, 'not a folder');

/** Only an InputError naming `input` may escape (the CLI's exit 2); anything else is a violation (exit 3). */
function inputErrorOnly(input: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (!(e instanceof InputError))
      throw new PropertyViolation(`not an input error: ${(e as Error).name}: ${(e as Error).message}`, { stack: (e as Error).stack ?? '' });
    if (!e.message.includes(input)) throw new PropertyViolation(`the message does not name ${input}`, { message: e.message });
  }
}

const snapshot = (dir: string) =>
  existsSync(dir)
    ? new Map(
        readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      )
    : new Map<string, string>();

/** The command line's outcome: exit 0–2 without a signal, one error line naming an input on 2, the store untouched. */
export function checkCommandLine(
  argv: string[],
  run = (a: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...a], { encoding: 'utf8', timeout: 120_000 }),
): void {
  const store = join(scratch, 'out', 'store');
  const before = snapshot(store);
  const r = run(argv);
  if (r.signal !== null || r.status === null) throw new PropertyViolation(`ended by ${r.signal ?? 'a timeout'}`, { stderr: r.stderr.slice(-400) });
  if (![0, 1, 2].includes(r.status)) throw new PropertyViolation(`exit ${r.status}`, { stderr: r.stderr.slice(-800) });
  if (r.status === 2) {
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    if (errors.length === 0) throw new PropertyViolation('exit 2 without an error line', { stderr: r.stderr.slice(-400) });
    if (/\n\s+at /.test(r.stderr)) throw new PropertyViolation('exit 2 with a stack trace', { stderr: r.stderr.slice(-400) });
    for (const e of errors) if (!/--[a-z]|\/|\.bin|\.json|'[^']*'/.test(e)) throw new PropertyViolation('the error names no input', { line: e });
  }
  const after = snapshot(store);
  for (const [f, text] of before) if (after.get(f) !== text) throw new PropertyViolation(`stored record ${f} changed`, {});
}

const tally = { exit0: 0, exit1: 0, exit2: 0 };
/** command lines in the ci budget: each is a process (~1–2 s; a valid one runs its small cell), at most 20 s each */
const CLI_RUNS = 24;

describe('input fuzzing (issue 12)', () => {
  test(
    'random command lines: exit 0, 1 or 2, never 3 or a signal; 2 names its input; the store is untouched',
    () => {
      const countingRun = (a: string[]) => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...a], { encoding: 'utf8', timeout: 120_000 });
        if (r.status === 0) tally.exit0++;
        else if (r.status === 1) tally.exit1++;
        else if (r.status === 2) tally.exit2++;
        return r;
      };
      const { failure, numRuns } = checkProperty(
        'random command lines end in exit 0, 1 or 2',
        cliArgs({ paths }),
        (argv) => checkCommandLine(argv, countingRun),
        { numRuns: CLI_RUNS, file: FILE, timeLimitMs: CLI_RUNS * BUDGET.runs * 20_000 },
      );
      console.log(`[input-fuzz] command lines: ${numRuns} run, exit 0: ${tally.exit0}, exit 1: ${tally.exit1}, exit 2: ${tally.exit2}`);
      if (failure) throw new Error(failure);
    },
    CLI_RUNS * BUDGET.runs * 20_000 + 60_000,
  );

  test('rejects a broken variant: a CLI that prints a stack and exits 3 on a bad flag', () => {
    const broken = () => ({ status: 3, signal: null, stderr: 'Error: boom\n    at x (y.ts:1:1)\n' }) as unknown as ReturnType<typeof spawnSync>;
    expect(rejects(cliArgs({ paths }), (a) => checkCommandLine(a, broken as never), 3)).toBe(true);
  });

  const idx = encodeIdx(
    [3, 2, 2],
    Uint8Array.from({ length: 12 }, (_, i) => i * 20),
  );
  property(
    'damaged IDX files: parsed, or a DataFileError naming the file',
    fc.tuple(byteMutation(), fc.boolean()),
    ([edits, gz]) => {
      const bytes = applyMutation(gz ? gzipSync(idx) : idx, edits);
      inputErrorOnly('m.idx', () => parseIdx(bytes, 'm.idx', 3));
    },
    { numRuns: 300, file: FILE },
  );

  const cifar = Uint8Array.from({ length: 3 * CIFAR_RECORD }, (_, i) => (i % CIFAR_RECORD === 0 ? (i / CIFAR_RECORD) % 2 : (i * 13) % 256));
  property(
    'damaged CIFAR files: an image, or a DataFileError naming the file',
    byteMutation(),
    (edits) => {
      inputErrorOnly('c.bin', () => requireNonConstant(cifarInrImage(parseCifar(applyMutation(cifar, edits), 'c.bin'), 1, 'c.bin'), 'c.bin', 'the image'));
    },
    { numRuns: 300, file: FILE },
  );

  const goldenText = readFileSync('golden/fig1-planted-1layer.smoke.json', 'utf8');
  const header = { figure: 'fig1-planted-1layer', profile: 'smoke' as const, metric: 'psnr' as const };
  property(
    'damaged golden files: read and compared, or a GoldenError naming the file',
    fc.oneof(
      byteMutation().map((b) => ({ b })),
      jsonMutation().map((j) => ({ j })),
    ),
    (m) => {
      const file = join(scratch, 'g.json');
      writeFileSync(file, 'b' in m ? applyMutation(new TextEncoder().encode(goldenText), m.b) : JSON.stringify(applyJsonEdit(JSON.parse(goldenText), m.j)));
      inputErrorOnly(file, () => {
        const g = readGoldenFor(file, header);
        compareGolden(g.cells, g);
      });
    },
    { numRuns: 300, file: FILE },
  );

  describe('damaged store records', () => {
    const spec: SweepSpec = { name: 'fuzz-grid', base: { task: 'planted', d: 5, n: 100, epochs: 2 }, methods: ['iht'], m: [1, 2], s: [2, 4], seeds: [0] };
    const pristine = join(scratch, 'store-pristine');
    let originals: CellRecord[] = [];
    const canonical = (r: CellRecord) => {
      const c: Record<string, unknown> = { ...r };
      for (const f of TIMING_FIELDS) delete c[f];
      return JSON.stringify(c);
    };
    beforeAll(async () => {
      originals = (await runSweep(spec, new ResultStore(pristine), { workers: 1 })).records;
    });

    const mutation = fc.tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.oneof(
        byteMutation().map((b) => ({ b })),
        jsonMutation().map((j) => ({ j })),
      ),
    );
    /** Reads every cell after one record was damaged: a bad record is reported, moved aside and recomputed; the others untouched. */
    const checkStore = async (
      [victim, m]: [number, { b: ByteEdit[] } | { j: JsonEdit }],
      get = (s: ResultStore, c: ReturnType<typeof expand>[number]) => s.get(c),
    ) => {
      const dir = join(scratch, `store-${Math.random().toString(36).slice(2)}`);
      cpSync(pristine, dir, { recursive: true });
      const cells = expand(spec);
      const file = join(dir, `${ResultStore.key(cells[victim]!)}.json`);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, 'b' in m ? applyMutation(new TextEncoder().encode(text), m.b) : JSON.stringify(applyJsonEdit(JSON.parse(text), m.j)));
      const others = snapshot(dir);
      others.delete(file.split('/').pop()!);
      const problems: string[] = [];
      const store = new ResultStore(dir, (p) => problems.push(`${p.file}: ${p.why}`));
      try {
        const got = cells.map((c) => get(store, c));
        const damaged = got[victim];
        if (damaged === null && !(problems.length === 1 && problems[0]!.startsWith(file)))
          throw new PropertyViolation('a bad record was not reported with its file', { problems: problems.join('; ') });
        if (damaged !== null && damaged !== undefined && canonical(damaged) !== canonical(originals[victim]!))
          throw new PropertyViolation('a damaged record was used', { record: JSON.stringify(damaged).slice(0, 300) });
        const again = await runSweep(spec, store, { workers: 1 });
        if (again.records.map(canonical).join() !== originals.map(canonical).join()) throw new PropertyViolation('the recomputed sweep differs', {});
        const now = snapshot(dir);
        for (const [f, t] of others) if (now.get(f) !== t) throw new PropertyViolation(`an undamaged record changed: ${f}`, {});
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    test('damaged store records: never used, always reported, recomputed; the others untouched', async () => {
      const out = await fc.check(
        fc.asyncProperty(mutation, (v) => checkStore(v)),
        { seed: Number(process.env.PBT_SEED ?? 1) | 0, numRuns: 60 },
      );
      console.log(`[input-fuzz] store records: ${out.numRuns} damaged records checked`);
      expect(out.failed, out.failed ? String(out.errorInstance) + ` on ${JSON.stringify(out.counterexample)}` : '').toBe(false);
    }, 300_000);

    test('rejects a broken variant: a store that trusts what it reads', async () => {
      const trusting = (s: ResultStore, c: ReturnType<typeof expand>[number]) => {
        try {
          return JSON.parse(readFileSync(join(s.dir, `${ResultStore.key(c)}.json`), 'utf8')) as CellRecord;
        } catch {
          return null;
        }
      };
      const out = await fc.check(
        fc.asyncProperty(mutation, (v) => checkStore(v, trusting)),
        { seed: 1, numRuns: 30 },
      );
      expect(out.failed).toBe(true);
    }, 300_000);
  });
});
