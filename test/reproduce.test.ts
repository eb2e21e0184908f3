import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { claimsSchemaProblem, readClaims } from '../src/claims/claims-file.js';
import { CLAIMS } from '../src/claims/claims.js';
import { FIGURES } from '../src/experiments/figures.js';
import { aggregate } from '../src/golden/aggregate.js';
import { compareGolden, driftTable, readGolden, writeGolden, type GoldenFile } from '../src/golden/golden.js';
import { heatmapSpec, renderSvg, svgToPng } from '../src/report/heatmap.js';
import { figureById } from '../src/experiments/figures.js';
import { TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { HOST_TAG, ResultStore } from '../src/run/store.js';
import { expand, runSweep, type SweepSpec } from '../src/run/sweep.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'srl-repro-'));
const spec: SweepSpec = { name: 'test-grid', base: { task: 'planted', d: 5, n: 200, epochs: 3 }, methods: ['iht'], m: [1, 2], s: [2, 4, 6], seeds: [0, 1] };
const canonical = (r: CellRecord) => {
  const c: Record<string, unknown> = { ...r };
  for (const f of TIMING_FIELDS) delete c[f];
  return JSON.stringify(c);
};

describe('sweeps', () => {
  test('the grid expands to method × m × s × seed cells, validated', () => {
    expect(expand(spec)).toHaveLength(12);
    expect(() => expand({ ...spec, m: [0] })).toThrow(/sweep test-grid\.m/);
  });

  test('an interrupted sweep resumes without recomputing finished cells, and ends with the same records', async () => {
    const store = new ResultStore(tmp());
    let seen = 0;
    await expect(
      runSweep(spec, store, {
        workers: 1,
        // the fifth computed cell (status events carry no cfg)
        progress: ({ cfg }) => {
          if (cfg && ++seen === 5) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const resumed = await runSweep(spec, store, { workers: 1 });
    expect(resumed.reused).toBe(5);
    expect(resumed.computed).toBe(7);
    const fresh = await runSweep(spec, new ResultStore(tmp()), { workers: 1 });
    expect(resumed.records.map(canonical)).toEqual(fresh.records.map(canonical));
  });

  test('worker threads give the same records as one thread', async () => {
    const one = await runSweep(spec, new ResultStore(tmp()), { workers: 1 });
    const two = await runSweep(spec, new ResultStore(tmp()), { workers: 2 });
    expect(two.records.map(canonical)).toEqual(one.records.map(canonical));
  });

  test('the store removes temporary files of dead writers only, and moves a corrupt record aside', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, `abc.json.${HOST_TAG}-${dead}-0-aa.tmp`), '{"half');
    writeFileSync(join(dir, `abc.json.${HOST_TAG}-${process.pid}-0-bb.tmp`), '{"half');
    const problems: string[] = [];
    const store = new ResultStore(dir, (p) => problems.push(`${p.file}: ${p.why}`));
    expect(readdirSync(dir)).toEqual([`abc.json.${HOST_TAG}-${process.pid}-0-bb.tmp`]);
    const cfg = expand(spec)[0]!;
    writeFileSync(join(dir, `${ResultStore.key(cfg)}.json`), '{ not json');
    expect(store.get(cfg)).toBeNull();
    expect(problems).toEqual([expect.stringMatching(new RegExp(`${ResultStore.key(cfg)}\\.json: not JSON`))]);
    expect(readdirSync(join(dir, 'quarantine'))).toHaveLength(1);
  });

  test('killing the CLI mid-sweep and rerunning finishes without recomputing finished cells', async () => {
    const out = tmp();
    const args = ['--import', 'tsx', 'reproduce.ts', '--profile', 'smoke', '--figure', 'fig1-planted-1layer,fig3-binary-mnist', '--out', out, '--workers', '1'];
    const storeDir = join(out, 'store');
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(storeDir) && readdirSync(storeDir).filter((f) => f.endsWith('.json')).length >= 3) {
          child.kill('SIGKILL');
          clearInterval(poll);
          resolve();
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(poll);
        resolve();
      });
    });
    await new Promise((r) => child.on('close', r));
    const before = readdirSync(storeDir).filter((f) => f.endsWith('.json')).length;
    const rerun = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    const computed = [...rerun.stderr.matchAll(/\((\d+) computed now\)/g)];
    const perFigure = new Map<string, number>();
    for (const line of rerun.stderr.split('\n')) {
      const mm = /^\[(.+?)\] (\d+)\/(\d+) cells \((\d+) computed now\)/.exec(line);
      if (mm) perFigure.set(mm[1]!, Number(mm[4]));
    }
    const total = ['fig1-planted-1layer', 'fig3-binary-mnist'].reduce((a, id) => a + expand(figureById(id).sweep('smoke')).length, 0);
    expect(computed.length).toBeGreaterThan(0);
    expect([...perFigure.values()].reduce((a, b) => a + b, 0)).toBe(total - before);
    expect(rerun.stdout).toMatch(/fig1-planted-1layer: matches its golden file/);
  }, 120_000);
});

describe('golden files', () => {
  const fig = figureById('fig1-planted-1layer');
  const someCells = async () => aggregate((await runSweep(spec, new ResultStore(tmp()), { workers: 1 })).records, 'psnr');

  test('written through the schema, read back, compared: a moved value, a missing and a new cell show as drifts', async () => {
    const dir = tmp();
    const file = join(dir, 'x.smoke.json');
    const cells = await someCells();
    writeGolden(file, { figure: 'x', profile: 'smoke', streams: 'reference', metric: 'psnr', cells });
    const g = readGolden(file);
    expect(compareGolden(cells, g)).toEqual([]);
    const moved = cells.map((c, i) => (i === 0 ? { ...c, mean: (c.mean ?? 0) + 0.5 } : c)).slice(0, -1);
    const extra = { ...cells[0]!, key: 'iht|m=9|s=9' };
    const drifts = compareGolden([...moved, extra], g);
    expect(drifts.map((d) => d.diff)).toEqual(expect.arrayContaining(['new cell', 'missing cell']));
    expect(drifts.some((d) => d.field === 'mean')).toBe(true);
    expect(driftTable('x', drifts)).toMatch(/^x: \d+ drift\(s\)\n\| cell \| field \| got \| want \| diff \|/);
  });

  test('a corrupt, a wrong-shaped and a missing golden file each give a clear error naming the file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.json'), '{"schema": ');
    expect(() => readGolden(join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON/);
    const wrong: Partial<GoldenFile> = {
      schema: 'sparse-recovery-lab/golden@5',
      figure: 'x',
      profile: 'smoke',
      codeVersion: 'v',
      streams: 'reference',
      metric: 'psnr',
      cells: [{ key: 'k' } as never],
    };
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(wrong));
    expect(() => readGolden(join(dir, 'wrong.json'))).toThrow(
      /wrong\.json: does not match schemas\/golden\.schema\.json: \/cells\/0 must have required property/,
    );
    expect(() => readGolden(join(dir, 'none.json'))).toThrow(/none\.json: no golden file/);
  });

  test('every committed golden file validates against its schema', () => {
    const files = readdirSync('golden').filter((f) => f.endsWith('.json') && !f.startsWith('claims.'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(readGolden(join('golden', f)).cells.length).toBeGreaterThan(0);
    const verdicts = readdirSync('golden').filter((f) => f.startsWith('claims.'));
    expect(verdicts.sort()).toEqual(['claims.quick.json', 'claims.smoke.json']);
    for (const f of verdicts) expect(readClaims(join('golden', f)).verdicts.length).toBe(CLAIMS.reduce((a, c) => a + (c.imp ? 2 : 1), 0));
  });

  test('exact recovery (≥ 150 dB) is drawn in a colour of its own, not as the clamped top of the scale; diverged runs are marked', async () => {
    const cells = await someCells();
    const exact = [
      { ...cells[0]!, mean: 160 },
      { ...cells[0]!, m: cells[0]!.m + 1, key: 'x', mean: 50 },
      { ...cells[0]!, m: cells[0]!.m + 2, key: 'y', diverged: 1 },
    ];
    const spec = JSON.stringify(heatmapSpec(exact, fig, 'mean'));
    expect(spec).toContain('"exact":true');
    expect(spec).toContain('"exact":false');
    expect(spec).toContain('#b2182b');
    expect(spec).toContain('exact recovery (≥ 150 dB');
    expect(spec).toContain('runs diverged');
    const svg = await renderSvg(heatmapSpec(exact, fig, 'mean'));
    expect(svg.toLowerCase()).toContain('#b2182b');
  });

  test('heatmaps render to SVG (title, values) and PNG', async () => {
    const cells = await someCells();
    const svg = await renderSvg(heatmapSpec(cells, fig, 'mean'));
    expect(svg).toContain('Fig. 1');
    expect(svg).toContain('IHT');
    const png = svgToPng(svg, 300);
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });
});

describe('the smoke profile matches its golden files (what CI guards)', () => {
  test('npm run reproduce -- --profile smoke: every figure matches', () => {
    const out = tmp();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', '--profile', 'smoke', '--out', out, '--workers', '1', '--quiet'], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).not.toMatch(/drift/);
    expect(r.status).toBe(0);
    expect((r.stdout.match(/matches its golden file/g) ?? []).length).toBe(FIGURES.length);
    // the same records through `check`, as another user's results would go
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', 'check', '--golden', 'smoke', '--results', out], { encoding: 'utf8' });
    expect(check.stdout).toMatch(new RegExp(`${FIGURES.length} of ${FIGURES.length} compared figure\\(s\\) match their golden files`));
    expect(check.status).toBe(0);
    // the claims: a verdict line per claim, the golden verdicts matched, claims.json valid, report.html holding them
    expect(r.stdout).toMatch(/^claims: \d+ verdicts/m);
    const claims = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', 'claims', '--profile', 'smoke', '--out', out], { encoding: 'utf8' });
    expect(claims.status, claims.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(out, 'claims.json'), 'utf8'));
    expect(claimsSchemaProblem(file)).toBeNull();
    const lines = claims.stdout.split('\n').filter((l) => /^(holds|fails|inconclusive) /.test(l));
    expect(lines).toHaveLength(file.verdicts.length);
    expect(new Set(file.verdicts.map((v: { claim: string }) => v.claim))).toEqual(new Set(CLAIMS.map((c) => c.id)));
    expect(claims.stdout).toMatch(/verdicts match .*claims\.smoke\.json/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<table id="claims">');
    for (const v of file.verdicts) expect(html).toContain(v.claim);
  }, 300_000);
});
