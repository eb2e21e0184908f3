// The fault campaign's defects, one test per row (each failed on the code before it): nothing hangs, nothing
// ends in a stack trace, every exit code is the one the table asks for. Rows that need Redis are in
// test/queue.test.ts; the PID-namespace resume is in test/faults.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../src/config/input-error.js';
import { HOST_TAG, writeFileAtomic } from '../src/run/atomic.js';
import { localExecutor } from '../src/run/executor.js';
import { recordDigestOf, type CellRecord } from '../src/run/record.js';
import { ResultStore } from '../src/run/store.js';
import { runSweep, type SweepSpec } from '../src/run/sweep.js';
import { describeWithService, type Service } from './support/services.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'srl-campaign-'));
const cli = (args: string[], timeout = 60_000) => spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...args], { encoding: 'utf8', timeout });
/** Exit 2 with one line on stderr naming `input`, no stack, and no hang. */
function refused(r: ReturnType<typeof cli>, input: RegExp): void {
  expect(r.signal, 'it hung (killed by the timeout)').toBeNull();
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(input);
  expect(r.status).toBe(2);
}
const smoke = (out: string, ...more: string[]) => ['--profile', 'smoke', '--figure', 'fig1-planted-1layer', '--out', out, '--quiet', ...more];
const spec: SweepSpec = { name: 'campaign', base: { task: 'planted', d: 5, n: 200, epochs: 2 }, methods: ['iht'], m: [1, 2], s: [2, 4], seeds: [0] };

describe('refused before the first cell, in one line', () => {
  test('1: core --out /proc/x exits 2 before computing anything', () => {
    const t0 = Date.now();
    refused(cli(['core', '--out', '/proc/x', '--quiet']), /--out .*pseudo file system/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
  test('4, 10: an unreachable Redis and a URL whose path is not a database index exit 2 and end', () => {
    refused(cli([...smoke(tmp()), '--executor', 'bullmq', '--redis', 'redis://127.0.0.1:1']), /redis:\/\/127\.0\.0\.1:1: Redis does not answer/);
    refused(cli([...smoke(tmp()), '--executor', 'bullmq', '--redis', 'redis://127.0.0.1:1/abc']), /the path names the database/);
  });
  test('5: worker --redis notaurl exits 2 before any thread starts', () => {
    const r = cli(['worker', '--redis', 'notaurl']);
    refused(r, /--redis notaurl: not a URL/);
    expect(r.stdout).toBe('');
  });
  test('6: a --cifar-file that is a FIFO is refused (cell and profile), not read forever', () => {
    const fifo = join(tmp(), 'fifo.bin');
    execFileSync('mkfifo', [fifo]);
    refused(
      cli(['cell', '--task', 'inr-image', '--m', '2', '--s', '5', '--epochs', '1', '--cifar-file', fifo, '--quiet']),
      /fifo\.bin: is a FIFO, not a regular file/,
    );
    refused(cli(['--profile', 'smoke', '--figure', 'fig5-inr-image-1layer', '--cifar-file', fifo, '--out', tmp(), '--quiet']), /fifo\.bin: is a FIFO/);
  });
  test('11: conditions has the memory guard a cell has', () => {
    refused(cli(['conditions', '--m', '100000000', '--d', '100000', '--s', '4']), /--m/);
  });
  test("14: --out '' is not the default, --workers with bullmq is refused as an ignored flag", () => {
    refused(cli(smoke('')), /--out is empty/);
    refused(cli([...smoke(tmp()), '--executor', 'bullmq', '--redis', 'redis://127.0.0.1:1', '--workers', '2']), /--workers applies to --executor local/);
  });
});

describe('the store', () => {
  test('12: a regular file where store/quarantine should be: exit 2 in one line', () => {
    const out = tmp();
    expect(cli(smoke(out)).status).toBe(0);
    const store = join(out, 'store');
    const victim = readdirSync(store).find((f) => f.endsWith('.json'))!;
    writeFileSync(join(store, victim), '{ broken');
    writeFileSync(join(store, 'quarantine'), 'a file, not a folder');
    refused(cli(smoke(out)), /quarantine.*move .* away/);
  });
  test('a golden file is written only from records this run computed: an edited record (digest recomputed) in the store does not become the golden', () => {
    const out = tmp();
    const [goldens, clean] = [tmp(), tmp()];
    expect(cli([...smoke(out), '--update-golden', '--golden-dir', clean, '--figures-dir', tmp()]).status).toBe(0);
    const store = join(out, 'store');
    for (const f of readdirSync(store).filter((x) => x.endsWith('.json'))) {
      const r = JSON.parse(readFileSync(join(store, f), 'utf8')) as CellRecord;
      if (r.psnr === null) continue;
      r.psnr += 7;
      r.recordDigest = recordDigestOf(r);
      writeFileSync(join(store, f), JSON.stringify(r));
    }
    const rerun = cli([...smoke(out), '--update-golden', '--golden-dir', goldens, '--figures-dir', tmp()]);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toMatch(/store: .*\.json: it differs from its recomputation by this run .*; replaced by this run's record/);
    const name = 'fig1-planted-1layer.smoke.json';
    const strip = (file: string) => ({ ...JSON.parse(readFileSync(file, 'utf8')), codeVersion: null });
    expect(strip(join(goldens, name))).toEqual(strip(join(clean, name)));
  });
  test("7: a failed store write of a record a worker thread computed fails the sweep (one error), never escapes from the thread's message handler", async () => {
    class FullDisk extends ResultStore {
      override put(rec: CellRecord): void {
        throw new InputError(this.dir, `${this.dir}: cannot write ${rec.configHash}.json: no space left on the device (ENOSPC)`);
      }
    }
    const uncaught: unknown[] = [];
    const listener = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', listener);
    try {
      const err = await runSweep(spec, new FullDisk(tmp()), { workers: 2, executor: localExecutor(2) }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/no space left on the device \(ENOSPC\)$/);
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(uncaught).toEqual([]);
  });
  test('13: temporary files a killed writer left beside the figures are removed by the next run; a failed write leaves none', () => {
    const out = tmp();
    const figures = join(out, 'figures');
    mkdirSync(figures, { recursive: true });
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const litter = join(figures, `fig1-planted-1layer.png.${HOST_TAG}-${dead}-0-abcd1234.tmp`);
    writeFileSync(litter, 'half a png');
    expect(cli(smoke(out)).status).toBe(0);
    expect(existsSync(litter)).toBe(false);
    // a write into a folder that is gone leaves no temporary file, and says which folder
    const gone = join(tmp(), 'gone');
    mkdirSync(gone);
    writeFileSync(join(gone, 'x'), '');
    const inside = join(gone, 'x', 'file.json');
    expect(() => writeFileAtomic(inside, '{}')).toThrow(InputError);
    expect(() => writeFileAtomic(inside, '{}')).toThrow(/gone\/x: cannot write file\.json: /);
    expect(readdirSync(gone)).toEqual(['x']);
  });
});

/** A tiny tmpfs, for a real full disk (root only). */
const TMPFS: Service = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'srl-tmpfs-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return { name: 'mount -t tmpfs', available: ok, why: ok ? '' : 'cannot mount a tmpfs here (needs root)', capability: true };
})();

describeWithService(TMPFS, 'test/fault-campaign.test.ts', 'a real full disk', () => {
  const mounts: string[] = [];
  afterAll(() => mounts.forEach((m) => spawnSync('umount', [m])));
  test('7, 8: the disk fills while records are saved (this thread and a worker thread): exit 2 in one line naming the folder, nothing half-written', () => {
    const dir = tmp();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', dir]).status).toBe(0);
    mounts.push(dir);
    const r = cli(['--profile', 'smoke', '--figure', 'fig1-planted-1layer,fig3-binary-mnist', '--out', join(dir, 'out'), '--workers', '2', '--quiet']);
    refused(r, /no space left on the device \(ENOSPC\)/);
    const store = join(dir, 'out', 'store');
    expect(readdirSync(store).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of readdirSync(store).filter((x) => x.endsWith('.json'))) expect(() => JSON.parse(readFileSync(join(store, f), 'utf8')), f).not.toThrow();
  });
});
