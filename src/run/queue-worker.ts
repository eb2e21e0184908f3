// A queue worker (`reproduce.ts worker --redis URL`): takes jobs from the BullMQ queue, computes each in a
// worker thread of its own (so this process's event loop stays free to renew the jobs' locks) and returns
// the records as the job's result. Any number of workers on any machines; a killed worker's jobs go back
// to the queue when their lock expires, and another worker takes them.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { InputError } from '../config/input-error.js';
import { CODE_VERSION, type CellRecord } from './record.js';
import { connectionOf, QUEUE_NAME, type QueueJobData } from './queue.js';
import { ThreadSlots } from './thread-slots.js';

/** How long a job's lock lasts without renewal: a killed worker's job is taken up again after about this. */
const LOCK_MS = 10_000;

export interface WorkerHandle {
  closed: Promise<void>;
  close(): Promise<void>;
}

export function startQueueWorker(o: { redis: string; concurrency: number; log: (line: string) => void }): WorkerHandle {
  const slots = new ThreadSlots(o.concurrency);
  const compute = async (job: Job<QueueJobData>): Promise<{ records: CellRecord[] }> => {
    if (job.data.codeVersion !== CODE_VERSION) {
      const why = `this worker runs code ${CODE_VERSION}, the coordinator ${job.data.codeVersion}: check out the same commit on every machine and restart the worker`;
      o.log(`refused job ${job.id}: ${why}`);
      throw new UnrecoverableError(why);
    }
    const c = job.data.cfgs[0]!;
    o.log(`computing job ${job.id}: ${c.task}/${c.method} m=${c.m} s=${job.data.cfgs.map((x) => x.s).join(',')} seed=${c.seed}`);
    try {
      return { records: await slots.run(job.data.cfgs) };
    } catch (e) {
      // bad input fails the same way on every retry
      if (e instanceof InputError) throw new UnrecoverableError(e.message);
      throw e;
    }
  };
  const worker = new Worker<QueueJobData, { records: CellRecord[] }>(QUEUE_NAME, compute, {
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
