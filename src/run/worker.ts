// A worker thread of the sweep pool: receives jobs (cells sharing one run, or one cell), runs them one
// after another, posts their records back. The pool queues two jobs per thread, so messages are chained: two cells must never await the
// IMP backend's initialisation concurrently.
import { parentPort } from 'node:worker_threads';
import type { CellConfig } from '../config/cell-config.js';
import { serializeError } from '../config/input-error.js';
import { runJobReady } from './pool.js';

async function handle(msg: { id: number; cfgs: CellConfig[] }): Promise<void> {
  try {
    parentPort?.postMessage({ id: msg.id, records: await runJobReady(msg.cfgs) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: serializeError(e) });
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (msg: { id: number; cfgs: CellConfig[] }) => {
  queue = queue.then(() => handle(msg));
});
