// Runs cells on `workers` executors: this thread plus workers − 1 worker threads (worker-script.ts).
// This thread starts computing at once instead of idling while the threads load. It can only hand a
// thread its next cell between two of its own cells, so it takes cells from the back of the queue
// (callers order it longest first: this thread gets the short ones) and each thread keeps a second
// cell queued; the threads take from the front.
// Results come back in completion order; every cell is a pure function of its config, so where it
// ran never changes its record.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CellConfig } from '../config/cell-config.js';
import { deserializeError, type SerializedError } from '../config/input-error.js';
import { prepareCell } from '../tasks/registry.js';
import { runCells } from './run-cell.js';
import type { CellRecord } from './record.js';
import { WORKER_SCRIPT } from './worker-script.js';

export function defaultWorkers(): number {
  return Math.max(1, cpus().length);
}

/** Cells queued per worker thread (one running, one waiting). */
const IN_FLIGHT = 2;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs one job's cells in this thread, after what their method needs from the process (prepareCell). */
export async function runJobReady(cfgs: readonly CellConfig[]): Promise<CellRecord[]> {
  return runCells(cfgs, undefined, await prepareCell(cfgs[0]!));
}

/** Runs every job (one cell, or cells sharing one run: tasks/paths.ts) on `workers` executors; onDone is
 *  called for each cell as its job finishes. Rejects on the first failure. */
export async function runPool(
  configs: readonly (readonly CellConfig[])[],
  workers: number,
  onDone: (cfg: CellConfig, rec: CellRecord) => void,
  onBusy: (executorsBusy: number) => void = () => {},
): Promise<void> {
  if (configs.length === 0) return;
  let selfBusy = 0;
  const busyThreads = new Set<number>();
  const reportBusy = () => onBusy(selfBusy + busyThreads.size);
  // onDone writes the store: a full disk or a removed folder fails the pool, never escapes from an event handler
  const finished = (job: readonly CellConfig[], records: readonly CellRecord[]) => {
    try {
      job.forEach((c, i) => onDone(c, records[i]!));
    } catch (e) {
      failure ??= e instanceof Error ? e : new Error(String(e));
    }
  };
  let next = 0; // front: the threads
  let last = configs.length - 1; // back: this thread
  let failure: Error | null = null;
  const threadCount = Math.max(0, Math.min(workers, configs.length) - 1);
  const threads = Array.from({ length: threadCount }, () => new Worker(WORKER_SCRIPT));
  const drained = threads.map(
    (w, t) =>
      new Promise<void>((resolve) => {
        let inFlight = 0;
        const feed = () => {
          while (!failure && inFlight < IN_FLIGHT && next <= last) {
            const id = next++;
            inFlight++;
            w.postMessage({ id, cfgs: configs[id] });
          }
          if (inFlight > 0) busyThreads.add(t);
          else busyThreads.delete(t);
          reportBusy();
          if (inFlight === 0) resolve();
        };
        w.on('message', (msg: { id: number; records?: CellRecord[]; error?: SerializedError }) => {
          inFlight--;
          // an input error keeps its one-line message (exit 2 as in this thread); a bug keeps the thread's stack
          if (msg.error) failure ??= deserializeError(msg.error, `worker thread, cell ${JSON.stringify(configs[msg.id])}`);
          else finished(configs[msg.id]!, msg.records!);
          feed();
        });
        w.once('error', (e) => {
          failure ??= e;
          resolve();
        });
        w.once('exit', (code) => {
          if (inFlight > 0) failure ??= new Error(`a worker thread exited (code ${code}) with ${inFlight} job(s) unfinished`);
          resolve();
        });
        feed();
      }),
  );
  try {
    while (!failure && next <= last) {
      const id = last--;
      selfBusy = 1;
      reportBusy();
      try {
        const records = await runJobReady(configs[id]!);
        finished(configs[id]!, records);
      } catch (e) {
        failure ??= e instanceof Error ? e : new Error(String(e));
      }
      selfBusy = 0;
      await yieldToEvents(); // let the threads' results in and feed them
    }
    await Promise.all(drained);
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  if (failure) throw failure;
}
