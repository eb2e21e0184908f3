// A worker thread of the sweep pool: receives cell configs, runs them one after another, posts records
// back. The pool queues two cells per thread, so messages are chained: two cells must never await the
// IMP backend's initialisation concurrently.
import { parentPort } from 'node:worker_threads';
import type { CellConfig } from '../config/cell-config.js';
import { serializeError } from '../config/input-error.js';
import { runCellReady } from './pool.js';

async function handle(msg: { id: number; cfg: CellConfig }): Promise<void> {
  try {
    parentPort?.postMessage({ id: msg.id, record: await runCellReady(msg.cfg) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: serializeError(e) });
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (msg: { id: number; cfg: CellConfig }) => {
  queue = queue.then(() => handle(msg));
});
