// The BullMQ executor on a real Redis (issue 14): two smoke figures through two worker processes, one of
// them SIGKILLed while computing; then Redis stopped mid-sweep, and a rerun that resumes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, expect, test } from 'vitest';
import { CELL_FIELDS } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { connectionOf, jobIdOf, QUEUE_NAME } from '../src/run/queue.js';
import { queueExecutor } from '../src/run/queue-executor.js';
import { startQueueWorker } from '../src/run/queue-worker.js';
import { CODE_VERSION, TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { ResultStore } from '../src/run/store.js';
import { expand, runSweep, type SweepSpec } from '../src/run/sweep.js';
import { figureById } from '../src/experiments/figures.js';
import { startRedis, type RedisServer } from './support/redis.js';
import { describeWithService, REDIS } from './support/services.js';
import { smokeRunFlags } from './support/smoke-args.js';

const FIGURES = 'fig3-binary-mnist,fig4-inr-mnist-1layer';
const tmp = () => mkdtempSync(join(tmpdir(), 'srl-queue-'));

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(args: readonly string[]): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, stderr: () => err, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function until(what: string, cond: () => boolean, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const profile = (out: string, extra: readonly string[]) => [
  ...smokeRunFlags({ figures: FIGURES, out, goldenDir: join(out, 'golden'), figuresDir: join(out, 'figures') }),
  ...extra,
];
/** The same run checked against the shipped golden files: it reuses the store (--update-golden recomputes every cell). */
const resumed = (out: string, extra: readonly string[]) => ['--profile', 'smoke', '--figure', FIGURES, '--out', out, ...extra];
const goldens = (out: string) => Object.fromEntries(readdirSync(join(out, 'golden')).map((f) => [f, readFileSync(join(out, 'golden', f), 'utf8')]));
const storeRecords = (out: string) => readdirSync(join(out, 'store')).filter((f) => f.endsWith('.json'));

const cleanup: Array<() => Promise<unknown> | void> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A fresh Redis and one worker process on it, both stopped after the tests. */
async function redisWithOneWorker(): Promise<{ redis: RedisServer; worker: Proc }> {
  const redis = await startRedis();
  cleanup.push(() => redis.stop());
  const worker = start(['worker', '--redis', redis.url]);
  cleanup.push(() => void worker.child.kill('SIGKILL'));
  return { redis, worker };
}

describeWithService(REDIS, 'test/queue.test.ts', 'BullMQ on a real Redis', () => {
  test('two workers, one SIGKILLed mid-cell: exit 0, no cell lost or doubled, goldens byte-identical to the local executor', async () => {
    const redis: RedisServer = await startRedis();
    cleanup.push(() => redis.stop());
    const local = tmp();
    const l = start(profile(local, ['--quiet']));
    const workers = [0, 1].map(() => start(['worker', '--redis', redis.url]));
    for (const w of workers) cleanup.push(() => void w.child.kill('SIGKILL'));
    const queued = tmp();
    const coordinator = start(profile(queued, ['--executor', 'bullmq', '--redis', redis.url]));
    // the first worker to start a job is killed while computing it
    await until('a worker computing', () => workers.some((w) => w.stderr().includes('computing job')));
    const victim = workers.find((w) => w.stderr().includes('computing job'))!;
    victim.child.kill('SIGKILL');
    expect(await coordinator.exited, coordinator.stderr()).toBe(0);
    expect(await l.exited, l.stderr()).toBe(0);
    expect(goldens(queued)).toEqual(goldens(local));
    expect(Object.keys(goldens(queued))).toHaveLength(2);
    // every cell stored once, none quarantined; the killed worker's job was done by the other
    expect(storeRecords(queued).sort()).toEqual(storeRecords(local).sort());
    expect(readdirSync(join(queued, 'store')).filter((f) => !f.endsWith('.json'))).toEqual([]);
    // and each holds the record the local executor computed (timing aside): none computed into another
    const untimed = (out: string, f: string) =>
      Object.fromEntries(
        Object.entries(JSON.parse(readFileSync(join(out, 'store', f), 'utf8')) as Record<string, unknown>).filter(
          ([k]) => !(TIMING_FIELDS as readonly string[]).includes(k),
        ),
      );
    for (const f of storeRecords(queued)) expect(untimed(queued, f)).toEqual(untimed(local, f));
    const survivor = workers.find((w) => w !== victim)!;
    expect(survivor.stderr()).toMatch(/done job/);
  }, 240_000);

  test('Redis stopped mid-sweep: the coordinator says so in one line (exit 2); a rerun resumes from the store', async () => {
    const { redis, worker } = await redisWithOneWorker();
    const out = tmp();
    const first = start(profile(out, ['--executor', 'bullmq', '--redis', redis.url]));
    await until('a finished job', () => /done job/.test(worker.stderr()));
    await until('a stored record', () => storeRecords(out).length > 0);
    await redis.stop();
    expect(await first.exited).toBe(2);
    expect(first.stderr()).toMatch(/^error: --redis redis:\/\/127\.0\.0\.1:\d+: Redis stopped answering .* rerun the same command to resume$/m);
    const kept = storeRecords(out).length;
    expect(kept).toBeGreaterThan(0);
    // a new server on the same port (persistence off: an empty queue); the worker reconnects
    const again = await startRedis(redis.port);
    cleanup.push(() => again.stop());
    const rerun = start(resumed(out, ['--executor', 'bullmq', '--redis', again.url]));
    expect(await rerun.exited, rerun.stderr()).toBe(0);
    // per figure, its last line's count of cells computed now
    const last = new Map([...rerun.stderr().matchAll(/^\[(.+?)\] \d+\/\d+ cells \((\d+) computed now\)/gm)].map((m) => [m[1], Number(m[2])]));
    expect([...last.values()].reduce((a, b) => a + b, 0)).toBe(expand(figureById('fig1-planted-1layer').sweep('smoke')).length - kept);
  }, 240_000);

  test('a worker refuses a job from a coordinator running other code, and says why', async () => {
    const { redis, worker } = await redisWithOneWorker();
    const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    cleanup.push(() => Promise.all([queue.close(), events.close()]));
    await events.waitUntilReady();
    const cfg = { ...defaults(CELL_FIELDS), n: 100, d: 3, m: 2, s: 2, epochs: 1 };
    const job = await queue.add('cells', { cfgs: [cfg], codeVersion: 'srl-000000000000' }, { jobId: 'other-code', attempts: 3 });
    await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(
      /this worker runs code srl-[0-9a-f]{12}, the coordinator srl-000000000000: check out the same commit/,
    );
    // refused for good: no retries
    expect((await queue.getJob('other-code'))!.attemptsMade).toBe(1);
    expect(worker.stderr()).toMatch(/refused job other-code/);
  }, 120_000);

  test('coordinator and worker in this process: the same records as the local pool, statuses reported, a URL that is not Redis refused', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const lines: string[] = [];
    const worker = startQueueWorker({ redis: redis.url, concurrency: 2, log: (l) => lines.push(l) });
    cleanup.push(() => worker.close());
    const spec: SweepSpec = { name: 'queue-in-process', base: { task: 'inr-mnist', epochs: 1 }, methods: ['iht', 'imp'], m: [2], s: [10, 40], seeds: [0] };
    const executor = await queueExecutor(redis.url);
    cleanup.push(() => executor.close());
    const statuses: unknown[] = [];
    const queued = await runSweep(spec, new ResultStore(tmp()), { workers: 1, executor, progress: (p) => p.waiting !== undefined && statuses.push(p) });
    const local = await runSweep(spec, new ResultStore(tmp()), { workers: 2 });
    const canonical = (r: CellRecord) => Object.fromEntries(Object.entries(r).filter(([k]) => !(TIMING_FIELDS as readonly string[]).includes(k)));
    expect(queued.records.map(canonical)).toEqual(local.records.map(canonical));
    expect(lines.filter((l) => l.startsWith('done job'))).toHaveLength(3); // two IHT cells, one shared IMP path
    expect(jobIdOf(expand(spec).slice(2))).toMatch(/^path-[0-9a-f]{16}$/);
    expect(statuses.length).toBeGreaterThan(0);
    // a rerun reads the finished jobs from the queue: nothing new is computed
    const again = await runSweep(spec, new ResultStore(tmp()), { workers: 1, executor });
    expect(again.records.map(canonical)).toEqual(local.records.map(canonical));
    expect(lines.filter((l) => l.startsWith('done job'))).toHaveLength(3);
    expect(() => connectionOf('http://x')).toThrow(/--redis http:\/\/x: expected redis:\/\/host:port/);
    expect(() => connectionOf('not a url')).toThrow(/not a URL/);
    await expect(queueExecutor(`redis://127.0.0.1:${redis.port + 1}`)).rejects.toThrow(/Redis does not answer/);
  }, 120_000);

  test('job payloads are validated like flags: a job with no cells, a mistyped field, an oversized cell or data that are not JSON fails once, for good, naming what is wrong', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
    const queue = new Queue(QUEUE_NAME, { connection });
    cleanup.push(() => queue.close());
    const opts = { attempts: 3, backoff: { type: 'exponential' as const, delay: 500 } };
    const bad: Array<[string, unknown, RegExp]> = [
      ['no-cfgs', { codeVersion: CODE_VERSION }, /cfgs must be a non-empty array/],
      ['empty', { cfgs: [], codeVersion: CODE_VERSION }, /cfgs must be a non-empty array/],
      ['string-m', { cfgs: [{ task: 'planted', m: '3' }], codeVersion: CODE_VERSION }, /cfgs\[0\]\.m must be a finite number, got "3"/],
      ['huge', { cfgs: [{ task: 'planted', m: 1e8 }], codeVersion: CODE_VERSION }, /cfgs\[0\]: the planted weights would need/],
      ['not-json', { cfgs: [], codeVersion: CODE_VERSION }, /its data is not JSON/],
    ];
    for (const [id, data] of bad) await queue.add('cells', data as never, { ...opts, jobId: id });
    // data no coordinator writes: BullMQ could not even read it
    const client = await queue.client;
    await client.hset(`bull:${QUEUE_NAME}:not-json`, { data: '{not json' });
    const lines: string[] = [];
    const worker = startQueueWorker({ redis: redis.url, concurrency: 1, log: (l) => lines.push(l) });
    cleanup.push(() => worker.close());
    await until('every bad job to fail', () => bad.every(([id]) => lines.some((l) => l.startsWith(`failed job ${id}:`))), 60_000);
    // read raw: the queue's own Job object cannot parse the job that is not JSON either
    for (const [id, , why] of bad) {
      const job = await client.hgetall(`bull:${QUEUE_NAME}:${id}`);
      expect(await queue.getJobState(id), id).toBe('failed');
      expect(job.atm, `${id}: never retried`).toBe('1');
      expect(job.failedReason, id).toMatch(why);
    }
  }, 120_000);

  test('a database the server does not have is refused in one line (coordinator and worker), and a coordinator over many sweeps keeps one listener per event', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    for (const args of [
      ['worker', '--redis', `${redis.url}/99`],
      ['--profile', 'smoke', '--figure', 'fig1-planted-1layer', '--out', tmp(), '--executor', 'bullmq', '--redis', `${redis.url}/99`],
    ]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr.trim()).toMatch(/^error: --redis redis:\/\/127\.0\.0\.1:\d+\/99: the server has no database 99 \(ERR DB index is out of range\)$/);
      expect(r.status).toBe(2);
    }
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const worker = startQueueWorker({ redis: redis.url, concurrency: 1, log: () => {} });
    cleanup.push(() => worker.close());
    const executor = await queueExecutor(redis.url);
    cleanup.push(() => executor.close());
    try {
      for (let seed = 0; seed < 12; seed++) {
        const one: SweepSpec = { name: `one-${seed}`, base: { task: 'planted', d: 3, n: 60, epochs: 1 }, methods: ['iht'], m: [1], s: [2], seeds: [seed] };
        await runSweep(one, new ResultStore(tmp()), { workers: 1, executor });
      }
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  }, 180_000);
});
