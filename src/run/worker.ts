// Worker thread of the sweep pool: receives cell configs, runs them, posts records back.
import { parentPort } from 'node:worker_threads';
import type { CellConfig } from '../config/cell.js';
import { initBackend } from '../imp/backend.js';
import { runCell } from './cell.js';

parentPort?.on('message', async (msg: { id: number; cfg: CellConfig }) => {
  try {
    if (msg.cfg.method === 'imp') await initBackend(msg.cfg.backend);
    parentPort?.postMessage({ id: msg.id, record: runCell(msg.cfg) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
