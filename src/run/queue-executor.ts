// The BullMQ executor (--executor bullmq --redis URL): enqueues a sweep's jobs (job id = the cell's hash,
// so a cell is never queued twice, and a job finished by an earlier coordinator is read, not recomputed),
// waits for the workers' results, checks each returned record as a store read is checked, and hands them
// to the sweep, which writes the store as with the local executor.
import { Job, Queue, QueueEvents } from 'bullmq';
import type { CellConfig } from '../config/cell-config.js';
import type { Executor, ExecutorStatus } from './executor.js';
import { CODE_VERSION, storeKey, type CellRecord } from './record.js';
import { connectionOf, jobIdOf, QueueError, QUEUE_NAME, type QueueJobData } from './queue.js';
import { probeRedis } from './redis-probe.js';
import { recordProblem } from './store.js';
import { dataDigest } from '../tasks/data-files.js';

const ATTEMPTS = 3;
/** Redis silent this long: the coordinator stops and says so (a rerun resumes from the store). */
const REDIS_PATIENCE_MS = 10_000;
const POLL_MS = 1000;
/** Pending jobs looked up per 5-s tick in case their events were missed: bounded, so a paper-profile sweep's thousands of pending jobs (3,276 in all) cost Redis no more per tick than a quick one's. */
const LOOKUPS_PER_TICK = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `p`, or a rejection after `ms` (a Redis call against a stopped server may never settle). */
const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`no answer to ${what} within ${ms / 1000} s`)))]);

/** Closes the connections, or gives up after a few seconds (a stopped Redis never answers QUIT). */
async function closeWithin(parts: readonly { close(): Promise<void>; disconnect?: () => Promise<void> }[]): Promise<void> {
  await Promise.race([Promise.allSettled(parts.map((p) => p.close())), sleep(3000)]);
  await Promise.race([Promise.allSettled(parts.map((p) => p.disconnect?.())), sleep(1000)]);
}

export async function queueExecutor(url: string): Promise<Executor> {
  // nothing is created against a URL that does not lead to a usable Redis (no connection left retrying)
  await probeRedis(url);
  const connection = connectionOf(url);
  const queue = new Queue<QueueJobData>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  // an unreachable server fails now, with its URL, not after the first cell
  try {
    await within(queue.waitUntilReady(), REDIS_PATIENCE_MS, 'a connection');
    await within(queue.getJobCounts('waiting'), REDIS_PATIENCE_MS, 'a query');
  } catch (e) {
    await closeWithin([queue, events]);
    throw new QueueError(url, `Redis does not answer (${(e as Error).message}); start it (redis-server) or fix the URL`);
  }
  queue.on('error', () => {}); // reported by the watchdog below
  events.on('error', () => {});
  // one listener per event for the executor's whole life (a listener per sweep piled up: MaxListenersExceededWarning)
  let onEvent: (jobId: string) => void = () => {};
  events.on('completed', ({ jobId }) => onEvent(jobId));
  events.on('failed', ({ jobId }) => onEvent(jobId));

  return {
    label: `BullMQ queue ${QUEUE_NAME} on ${url}`,
    async run(jobs, onDone, onStatus) {
      const byId = new Map<string, readonly CellConfig[]>();
      for (const cfgs of jobs) byId.set(jobIdOf(cfgs), cfgs);
      const pending = new Set(byId.keys());
      let failure: Error | null = null;

      const accept = (id: string, value: unknown) => {
        const cfgs = byId.get(id);
        if (!cfgs || !pending.has(id)) return; // another sweep's job, or a duplicate completion
        const records = (value as { records?: unknown[] } | null)?.records;
        if (!Array.isArray(records) || records.length !== cfgs.length) {
          failure ??= new Error(`job ${id}: a worker returned ${JSON.stringify(value)?.slice(0, 200)}, not ${cfgs.length} record(s)`);
          return;
        }
        cfgs.forEach((c, i) => {
          const why = recordProblem(records[i], c, storeKey(c, dataDigest(c)));
          if (why)
            failure ??= new Error(`job ${id}: the record a worker returned for ${c.task}/${c.method} m=${c.m} s=${c.s} seed=${c.seed} is not valid: ${why}`);
        });
        if (failure) return;
        pending.delete(id);
        try {
          cfgs.forEach((c, i) => onDone(c, records[i] as CellRecord));
        } catch (e) {
          // writing the store failed (a full disk, a removed folder): the sweep stops with it, not silently
          failure ??= e instanceof Error ? e : new Error(String(e));
        }
      };
      const rejectJob = (id: string, reason: string) => {
        if (!pending.has(id)) return;
        // a worker on other code is the user's to fix (one line); anything else failed every attempt
        if (reason.startsWith('this worker runs code')) failure ??= new QueueError(url, `a worker refused job ${id}: ${reason}`);
        else failure ??= new Error(`job ${id} failed (attempts: up to ${ATTEMPTS}, with backoff): ${reason}`);
      };
      // the state first, the job after: a job read while active and found completed a moment later has no result
      // yet in what was read (a rerun met it: "a worker returned null"); completed and failed are final
      const settle = async (id: string) => {
        const state = await queue.getJobState(id);
        if (state !== 'completed' && state !== 'failed') return; // a retry would be waiting or delayed
        const job = await Job.fromId<QueueJobData>(queue, id);
        if (!job) return;
        if (state === 'completed') accept(id, job.returnvalue);
        else rejectJob(id, job.failedReason);
      };
      onEvent = (jobId) => void settle(jobId).catch(() => {});

      for (const [id, cfgs] of byId) {
        const job = await queue.add(
          'cells',
          { cfgs: [...cfgs], codeVersion: CODE_VERSION },
          {
            jobId: id,
            attempts: ATTEMPTS,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        );
        // a job left failed by an earlier coordinator is tried again; one it finished is read now
        if ((await job.getState()) === 'failed') await job.retry();
        await settle(id);
      }

      let lastAnswer = Date.now();
      let lastSweep = 0;
      let cursor = 0;
      while (pending.size && !failure) {
        await sleep(POLL_MS);
        try {
          const counts = await within(
            queue.getJobCounts('waiting', 'active', 'failed', 'delayed', 'prioritized'),
            REDIS_PATIENCE_MS / 2,
            'a count of the jobs',
          );
          lastAnswer = Date.now();
          const status: ExecutorStatus = {
            waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            failed: counts.failed ?? 0,
          };
          onStatus?.(status);
          // events can be missed (a reconnect): every few seconds, look at the next few pending jobs in turn
          if (Date.now() - lastSweep > 5000) {
            lastSweep = Date.now();
            const ids = [...pending];
            const count = Math.min(LOOKUPS_PER_TICK, ids.length);
            for (let k = 0; k < count; k++) await within(settle(ids[(cursor + k) % ids.length]!), REDIS_PATIENCE_MS / 2, 'a look at a job');
            cursor = (cursor + count) % Math.max(1, ids.length);
          }
        } catch (e) {
          if (Date.now() - lastAnswer > REDIS_PATIENCE_MS)
            failure ??= new QueueError(
              url,
              `Redis stopped answering (${(e as Error).message}) with ${pending.size} job(s) unfinished; every record received so far is in the store: rerun the same command to resume`,
            );
        }
      }
      onEvent = () => {};
      if (failure) throw failure;
    },
    close: () => closeWithin([queue, events]),
  };
}
