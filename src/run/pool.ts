// Runs cells on `workers` executors: this thread plus workers − 1 worker threads (tsx-loaded).
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
import { runCell } from './run-cell.js';
import type { CellRecord } from './record.js';

export function defaultWorkers(): number {
  return Math.max(1, cpus().length);
}

/** Cells queued per worker thread (one running, one waiting). */
const IN_FLIGHT = 2;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs one cell in this thread, after what its method needs from the process (tasks/prepare.ts). */
export async function runCellReady(cfg: CellConfig): Promise<CellRecord> {
  return runCell(cfg, undefined, await prepareCell(cfg));
}

/** Runs every config on `workers` executors; onDone is called as each finishes. Rejects on the first failure. */
export async function runPool(configs: readonly CellConfig[], workers: number, onDone: (cfg: CellConfig, rec: CellRecord) => void): Promise<void> {
  if (configs.length === 0) return;
  let next = 0; // front: the threads
  let last = configs.length - 1; // back: this thread
  let failure: Error | null = null;
  const threadCount = Math.max(0, Math.min(workers, configs.length) - 1);
  const threads = Array.from({ length: threadCount }, () => new Worker(new URL('./worker-bootstrap.mjs', import.meta.url)));
  const drained = threads.map(
    (w) =>
      new Promise<void>((resolve) => {
        let inFlight = 0;
        const feed = () => {
          while (!failure && inFlight < IN_FLIGHT && next <= last) {
            const id = next++;
            inFlight++;
            w.postMessage({ id, cfg: configs[id] });
          }
          if (inFlight === 0) resolve();
        };
        w.on('message', (msg: { id: number; record?: CellRecord; error?: SerializedError }) => {
          inFlight--;
          // an input error keeps its one-line message (exit 2 as in this thread); a bug keeps the thread's stack
          if (msg.error) failure ??= deserializeError(msg.error, `worker thread, cell ${JSON.stringify(configs[msg.id])}`);
          else onDone(configs[msg.id]!, msg.record!);
          feed();
        });
        w.once('error', (e) => {
          failure ??= e;
          resolve();
        });
        w.once('exit', (code) => {
          if (inFlight > 0) failure ??= new Error(`a worker thread exited (code ${code}) with ${inFlight} cell(s) unfinished`);
          resolve();
        });
        feed();
      }),
  );
  try {
    while (!failure && next <= last) {
      const id = last--;
      try {
        onDone(configs[id]!, await runCellReady(configs[id]!));
      } catch (e) {
        failure ??= e instanceof Error ? e : new Error(String(e));
      }
      await yieldToEvents(); // let the threads' results in and feed them
    }
    await Promise.all(drained);
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  if (failure) throw failure;
}
