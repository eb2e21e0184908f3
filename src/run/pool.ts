// A small pool of worker threads (tsx-loaded) that runs cells; results come back in completion order.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CellConfig } from '../config/cell.js';
import type { CellRecord } from './record.js';

export function defaultWorkers(): number {
  return Math.max(1, cpus().length);
}

/** Runs every config on `workers` threads; onDone is called as each finishes. Rejects on the first failure. */
export async function runPool(configs: readonly CellConfig[], workers: number, onDone: (cfg: CellConfig, rec: CellRecord) => void): Promise<void> {
  if (configs.length === 0) return;
  const threads = Array.from({ length: Math.min(workers, configs.length) }, () => new Worker(new URL('./worker-bootstrap.mjs', import.meta.url)));
  let next = 0;
  let failure: Error | null = null;
  try {
    await Promise.all(threads.map((w) => new Promise<void>((resolve) => {
      const feed = () => {
        if (failure || next >= configs.length) return resolve();
        const id = next++;
        w.once('message', (msg: { id: number; record?: CellRecord; error?: string }) => {
          if (msg.error) failure ??= new Error(`cell ${JSON.stringify(configs[id])} failed: ${msg.error}`);
          else onDone(configs[id]!, msg.record!);
          feed();
        });
        w.postMessage({ id, cfg: configs[id] });
      };
      w.once('error', (e) => { failure ??= e; resolve(); });
      feed();
    })));
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  if (failure) throw failure;
}
