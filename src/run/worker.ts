// A worker thread of the sweep pool: receives cell configs, runs them one after another, posts records
// back. The pool queues two cells per thread, so messages are chained: two cells must never await the
// IMP backend's initialisation concurrently.
import { parentPort } from 'node:worker_threads';
import type { CellConfig } from '../config/cell.js';
import { initBackend } from '../imp/backend.js';
import { runCell } from './cell.js';

type Reply = { id: number; record?: unknown; error?: string };
const send = (msg: Reply) => parentPort?.postMessage(msg);

async function handle(msg: { id: number; cfg: CellConfig }): Promise<void> {
  try {
    if (msg.cfg.method === 'imp') await initBackend(msg.cfg.backend);
    send({ id: msg.id, record: runCell(msg.cfg) });
  } catch (e) {
    send({ id: msg.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}

let queue: Promise<void> = Promise.resolve();
const receive = (msg: { id: number; cfg: CellConfig }) => {
  queue = queue.then(() => handle(msg));
};
parentPort?.on('message', receive);
