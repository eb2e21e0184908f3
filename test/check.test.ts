// `check`: someone's results against the golden files — records from a run's folder, aggregates in the golden
// format — as a drift table, JSON or JUnit; exit 0 match, 1 drift, 2 bad input naming it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { recordDigestOf, type CellRecord } from '../src/run/record.js';
import { figureById } from '../src/experiments/figures.js';
import { expand } from '../src/run/sweep.js';

const dir = mkdtempSync(join(tmpdir(), 'srl-check-'));
const out = join(dir, 'out');
const golden = 'golden/fig1-planted-1layer.smoke.json';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let o = '';
  let e = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((o += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((e += String(c)), true));
  try {
    return { code: await main(argv), out: o, err: e };
  } finally {
    vi.restoreAllMocks();
  }
}
afterEach(() => vi.restoreAllMocks());

/** The store's records as plain files in a folder of their own; `edit` changes the first IHT record with a PSNR (or every record). */
function recordsFolder(name: string, edit?: (r: CellRecord) => void, o: { keepDigest?: boolean; all?: boolean } = {}): string {
  const to = join(dir, name);
  mkdirSync(to);
  const store = join(out, 'store');
  const files = readdirSync(store).filter((f) => f.endsWith('.json'));
  let edited = false;
  for (const f of files) {
    const r = JSON.parse(readFileSync(join(store, f), 'utf8')) as CellRecord;
    // IHT is compared at 1e-6: a moved IHT value drifts, while IMP allows 1 dB
    if (edit && (o.all || (!edited && r.config.method === 'iht' && r.psnr !== null))) {
      edited = true;
      edit(r);
      if (!o.keepDigest) r.recordDigest = recordDigestOf(r);
    }
    writeFileSync(join(to, f), JSON.stringify(r));
  }
  return to;
}

beforeAll(async () => {
  expect((await cli('--profile', 'smoke', '--figure', 'fig1-planted-1layer', '--out', out, '--workers', '1', '--quiet')).code).toBe(0);
}, 120_000);

describe('check', () => {
  test("a run's folder against its golden file and against the whole profile: exit 0; JUnit has a case per golden cell", async () => {
    const one = await cli('check', '--golden', golden, '--results', out, '--junit', join(dir, 'junit.xml'));
    expect(one.out).toMatch(
      new RegExp(`fig1-planted-1layer \\(smoke, ${expand(figureById('fig1-planted-1layer').sweep('smoke')).length} runs\\): matches its golden file`),
    );
    expect(one.code).toBe(0);
    const cells = JSON.parse(readFileSync(golden, 'utf8')).cells.length;
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(new RegExp(`<testsuite name="fig1-planted-1layer.smoke" tests="${cells}" failures="0">`));
    const all = await cli('check', '--golden', 'smoke', '--results', out, '--json');
    const report = JSON.parse(all.out);
    expect(report.ok).toBe(true);
    expect(report.figures.filter((f: { compared: string }) => f.compared === 'records')).toHaveLength(1);
    expect(all.code).toBe(0);
  });
  test('a moved value (its digest recomputed, as a real result would carry) is a drift: exit 1, the table and a JUnit failure', async () => {
    const edited = recordsFolder('moved', (r) => (r.psnr = (r.psnr ?? 0) + 1));
    const r = await cli('check', '--golden', golden, '--results', edited, '--junit', join(dir, 'drift.xml'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/1 drift\(s\)\n\| cell \| field \| got \| want \| diff \|/);
    expect(readFileSync(join(dir, 'drift.xml'), 'utf8')).toMatch(/<failure message="mean: got /);
  });
  test('aggregates in the golden format: the golden file itself matches; a moved mean drifts', async () => {
    expect((await cli('check', '--golden', golden, '--results', golden)).code).toBe(0);
    const g = JSON.parse(readFileSync(golden, 'utf8'));
    g.cells[0].mean = (g.cells[0].mean ?? 0) + 5;
    writeFileSync(join(dir, 'agg.json'), JSON.stringify(g));
    expect((await cli('check', '--golden', golden, '--results', join(dir, 'agg.json'))).code).toBe(1);
  });
  test.each([
    ['a record edited without its digest', () => recordsFolder('edited', (r) => (r.psnr = 1), { keepDigest: true }), /does not match its recordDigest/],
    ['a file that is not a record', () => (writeFileSync(join(dir, 'junk.json'), '{"config": 1}'), join(dir, 'junk.json')), /junk\.json: not a cell record/],
    ['a file that is not JSON', () => (writeFileSync(join(dir, 'half.json'), '{"con'), join(dir, 'half.json')), /half\.json: not valid JSON/],
    [
      'an aggregate that says another metric (mislabelled)',
      () => {
        const g = JSON.parse(readFileSync(golden, 'utf8'));
        writeFileSync(join(dir, 'label.json'), JSON.stringify({ ...g, metric: 'accuracy' }));
        return join(dir, 'label.json');
      },
      /label\.json: says metric 'accuracy'/,
    ],
    [
      'records of no golden cell',
      () => recordsFolder('other', (r) => (r.config.seed = 99), { all: true }),
      new RegExp(`none of its ${expand(figureById('fig1-planted-1layer').sweep('smoke')).length} record\\(s\\) belongs to a cell`),
    ],
    ['a path that does not exist', () => join(dir, 'nope'), /no such file or folder/],
  ])('%s: exit 2, one line naming it', async (_name, results, message) => {
    const r = await cli('check', '--golden', golden, '--results', results());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
  test('--golden and --results are required', async () => {
    expect((await cli('check', '--results', out)).err).toMatch(/check needs --golden/);
    expect((await cli('check', '--golden', 'smoke')).code).toBe(2);
  });
});
