// A queue worker (`reproduce.ts worker --redis URL`): takes jobs from the BullMQ queue, computes each in a
// worker thread of its own (so this process's event loop stays free to renew the jobs' locks) and returns
// the records as the job's result. Any number of workers on any machines; a killed worker's jobs go back
// to the queue when their lock expires, and another worker takes them.
import { UnrecoverableError, Worker, type Job, type JobJsonRaw } from 'bullmq';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { validateConfig } from '../config/fields.js';
import { InputError } from '../config/input-error.js';
import { admitCell } from '../tasks/admit.js';
import { CODE_VERSION, type CellRecord } from './record.js';
import { connectionOf, QUEUE_NAME, type QueueJobData } from './queue.js';
import { ThreadSlots } from './thread-slots.js';

/** How long a job's lock lasts without renewal: a killed worker's job is taken up again after about this. */
const LOCK_MS = 10_000;

export interface WorkerHandle {
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * A worker that still hands a job whose data is not JSON to the processor, which fails it for good. BullMQ
 * itself throws while reading such a job, outside any processor: the job stalls, goes back to the queue and
 * is read again, every few seconds, without end.
 */
class PayloadCheckingWorker extends Worker<QueueJobData, { records: CellRecord[] }> {
  protected override createJob(data: JobJsonRaw, jobId: string): Job<QueueJobData, { records: CellRecord[] }> {
    try {
      JSON.parse(data.data || '{}');
      return super.createJob(data, jobId);
    } catch (e) {
      return super.createJob({ ...data, data: JSON.stringify({ unreadable: (e as Error).message }) }, jobId);
    }
  }
}

/**
 * A job's cells, validated exactly as flags are: the typed config (unknown or ill-typed fields named), then
 * admission (undefined combinations, the memory guard). Anything wrong fails the job for good, naming the field:
 * bad input fails the same way on every retry.
 */
function jobCells(job: Job<QueueJobData>): CellConfig[] {
  const where = `job ${job.id}`;
  const data: unknown = job.data;
  const unreadable = typeof data === 'object' && data !== null ? (data as { unreadable?: unknown }).unreadable : undefined;
  if (typeof unreadable === 'string') throw new UnrecoverableError(`${where}: its data is not JSON (${unreadable})`);
  if (typeof (data as { codeVersion?: unknown } | null)?.codeVersion !== 'string')
    throw new UnrecoverableError(`${where}: codeVersion must be the coordinator's code version`);
  const cfgs = typeof data === 'object' && data !== null ? (data as { cfgs?: unknown }).cfgs : undefined;
  if (!Array.isArray(cfgs) || cfgs.length === 0)
    throw new UnrecoverableError(`${where}: cfgs must be a non-empty array of cell configs, got ${JSON.stringify(cfgs) ?? 'nothing'}`);
  return cfgs.map((c: unknown, i) => {
    try {
      const cfg = validateConfig(CELL_FIELDS, c, `${where} cfgs[${i}]`);
      admitCell(cfg, { where: `${where} cfgs[${i}]` });
      return cfg;
    } catch (e) {
      if (e instanceof InputError) throw new UnrecoverableError(e.message);
      throw e;
    }
  });
}

export function startQueueWorker(o: { redis: string; concurrency: number; log: (line: string) => void }): WorkerHandle {
  const slots = new ThreadSlots(o.concurrency);
  const compute = async (job: Job<QueueJobData>): Promise<{ records: CellRecord[] }> => {
    if (typeof job.data?.codeVersion === 'string' && job.data.codeVersion !== CODE_VERSION) {
      const why = `this worker runs code ${CODE_VERSION}, the coordinator ${job.data.codeVersion}: check out the same commit on every machine and restart the worker`;
      o.log(`refused job ${job.id}: ${why}`);
      throw new UnrecoverableError(why);
    }
    let cfgs: CellConfig[];
    try {
      cfgs = jobCells(job);
    } catch (e) {
      o.log(`refused job ${job.id}: ${(e as Error).message}`);
      throw e;
    }
    const c = cfgs[0]!;
    o.log(`computing job ${job.id}: ${c.task}/${c.method} m=${c.m} s=${cfgs.map((x) => x.s).join(',')} seed=${c.seed}`);
    try {
      return { records: await slots.run(cfgs) };
    } catch (e) {
      // bad input fails the same way on every retry
      if (e instanceof InputError) throw new UnrecoverableError(e.message);
      throw e;
    }
  };
  const worker = new PayloadCheckingWorker(QUEUE_NAME, compute, {
    connection: connectionOf(o.redis),
    concurrency: o.concurrency,
    lockDuration: LOCK_MS,
    stalledInterval: LOCK_MS / 2,
    maxStalledCount: 5,
  });
  worker.on('completed', (job) => o.log(`done job ${job.id}`));
  worker.on('failed', (job, e) => o.log(`failed job ${job?.id}: ${e.message}`));
  worker.on('error', (e) => o.log(`queue: ${e.message}`));
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((r) => (resolveClosed = r));
  return {
    closed,
    close: async () => {
      await worker.close();
      await slots.close();
      resolveClosed();
    },
  };
}
