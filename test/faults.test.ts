// Fault injection (issue 12): a two-figure smoke run on two executors is SIGKILLed at random points,
// a random stored record is corrupted between runs, and the last rerun must end with golden files byte
// for byte those of a clean run, the corrupt record reported. The points and the victim come from the
// run seed (PBT_SEED, printed), so a failure can be replayed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeWithService, PID_NAMESPACES } from './support/services.js';
import { smokeRunFlags } from './support/smoke-args.js';

const SEED = Number(process.env.PBT_SEED ?? 20261201) >>> 0;
/** mulberry32: a small seeded generator for the kill points and the victim. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIGURES = 'fig1-planted-1layer,fig3-binary-mnist';
const TOTAL = 8 + 4;
const tmp = () => mkdtempSync(join(tmpdir(), 'srl-faults-'));
const args = (out: string, goldens: string, figures: string) => [
  '--import',
  'tsx',
  'reproduce.ts',
  ...smokeRunFlags({ figures: FIGURES, out, goldenDir: goldens, figuresDir: figures }),
  '--workers',
  '2',
  '--quiet',
];
const records = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []);

/** Starts a run and SIGKILLs it once `after` records are stored (or lets it finish). */
function runAndKill(a: string[], store: string, after: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, a, { stdio: 'ignore' });
    const poll = setInterval(() => {
      if (records(store).length >= after) {
        child.kill('SIGKILL');
        clearInterval(poll);
      }
    }, 5);
    child.on('close', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

test(`SIGKILL at random points, a corrupt record, a rerun: goldens byte-identical to a clean run (seed ${SEED})`, async () => {
  const rnd = random(SEED);
  const out = tmp();
  const store = join(out, 'store');
  const [goldens, figures] = [tmp(), tmp()];
  const kills: number[] = [];
  for (let k = 0; k < 2; k++) {
    const have = records(store).length;
    const after = Math.min(TOTAL - 1, have + 1 + Math.floor(rnd() * 4));
    kills.push(after);
    await runAndKill(args(out, goldens, figures), store, after);
  }
  const stored = records(store).sort();
  expect(stored.length).toBeGreaterThan(0);
  const victim = join(store, stored[Math.floor(rnd() * stored.length)]!);
  const text = readFileSync(victim, 'utf8');
  writeFileSync(victim, text.slice(0, Math.floor(rnd() * text.length)));
  const rerun = spawnSync(
    process.execPath,
    args(out, goldens, figures).filter((x) => x !== '--quiet'),
    { encoding: 'utf8' },
  );
  expect(rerun.status, rerun.stderr).toBe(0);
  expect(rerun.stderr).toContain(`store: ${victim}: not JSON`);
  expect(readdirSync(join(store, 'quarantine'))).toHaveLength(1);
  expect(readdirSync(store).filter((f) => f.endsWith('.tmp') || f.endsWith('.claim'))).toEqual([]);

  const [cleanGoldens, cleanFigures] = [tmp(), tmp()];
  expect(spawnSync(process.execPath, args(tmp(), cleanGoldens, cleanFigures), { encoding: 'utf8' }).status).toBe(0);
  const names = readdirSync(cleanGoldens).sort();
  expect(names).toEqual(['fig1-planted-1layer.smoke.json', 'fig3-binary-mnist.smoke.json']);
  expect(readdirSync(goldens).sort()).toEqual(names);
  for (const f of names)
    expect(readFileSync(join(goldens, f), 'utf8'), `${f} after kills at ${kills.join(', ')} records`).toBe(readFileSync(join(cleanGoldens, f), 'utf8'));
}, 300_000);

// A container's rerun: the killed run's process had pid 1 in its namespace, and so does the rerun's. Its
// claims must be judged dead (another run id), not waited for forever.
describeWithService(PID_NAMESPACES, 'test/faults.test.ts', 'inside fresh PID namespaces', () => {
  const args = (out: string) => [
    '-pf',
    '--mount-proc',
    process.execPath,
    '--import',
    'tsx',
    'reproduce.ts',
    ...['--profile', 'smoke', '--figure', 'fig1-planted-1layer'],
    ...['--out', out, '--workers', '1', '--quiet'],
  ];
  /** The namespace's first process (node, pid 1 inside) as seen from here: killing it ends the namespace. */
  const initOf = (unshare: number) => Number(readFileSync(`/proc/${unshare}/task/${unshare}/children`, 'utf8').trim().split(' ')[0]);
  /** Runs the command in a fresh namespace; SIGKILLs the namespace when `stop` says so, or after `timeoutMs`. */
  const inNamespace = (out: string, stop: () => boolean, timeoutMs: number) =>
    new Promise<{ status: number | null; stdout: string; killed: boolean }>((resolve) => {
      const child = spawn('unshare', args(out), { stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      let killed = false;
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      const t0 = Date.now();
      const poll = setInterval(() => {
        if (!stop() && Date.now() - t0 < timeoutMs) return;
        clearInterval(poll);
        killed = true;
        process.kill(initOf(child.pid!), 'SIGKILL');
      }, 5);
      child.on('close', (status) => {
        clearInterval(poll);
        resolve({ status, stdout, killed });
      });
    });

  test('a smoke sweep SIGKILLed in one namespace resumes in a fresh one and matches its golden file', async () => {
    const out = tmp();
    const store = join(out, 'store');
    expect((await inNamespace(out, () => records(store).length >= 2, 60_000)).killed).toBe(true);
    const left = records(store).length;
    expect(readdirSync(store).filter((f) => f.endsWith('.claim')).length).toBeGreaterThan(0);
    const rerun = await inNamespace(out, () => false, 60_000);
    expect(rerun.killed, 'the rerun hung: killed after 60 s').toBe(false);
    expect(rerun.stdout).toMatch(/fig1-planted-1layer: matches its golden file/);
    expect(rerun.status).toBe(0);
    expect(records(store).length).toBeGreaterThan(left);
    expect(readdirSync(store).filter((f) => f.endsWith('.claim'))).toEqual([]);
  }, 180_000);
});
