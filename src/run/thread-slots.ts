// A fixed set of worker threads that each compute one job at a time, for a process whose own event loop
// must stay free while cells compute (a queue worker renews its jobs' locks from it).
import { Worker } from 'node:worker_threads';
import type { CellConfig } from '../config/cell-config.js';
import { deserializeError, type SerializedError } from '../config/input-error.js';
import type { CellRecord } from './record.js';
import { WORKER_SCRIPT } from './worker-script.js';

const newThread = () => new Worker(WORKER_SCRIPT);

interface Slot {
  thread: Worker;
  busy: boolean;
}

export class ThreadSlots {
  private readonly slots: Slot[];
  private nextId = 0;
  private closing = false;

  constructor(count: number) {
    this.slots = Array.from({ length: count }, () => ({ thread: newThread(), busy: false }));
  }

  /** Runs a job in a free thread (the caller keeps at most `count` in flight). */
  run(cfgs: readonly CellConfig[]): Promise<CellRecord[]> {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) return Promise.reject(new Error('every thread slot is busy'));
    slot.busy = true;
    const id = this.nextId++;
    return new Promise<CellRecord[]>((resolve, reject) => {
      const onMessage = (msg: { id: number; records?: CellRecord[]; error?: SerializedError }) => {
        if (msg.id !== id) return;
        slot.thread.off('message', onMessage);
        slot.thread.off('exit', onExit);
        slot.busy = false;
        if (msg.error) reject(deserializeError(msg.error, `worker thread, cells ${JSON.stringify(cfgs.map((c) => [c.task, c.method, c.m, c.s, c.seed]))}`));
        else resolve(msg.records!);
      };
      const onExit = (code: number) => {
        slot.thread.off('message', onMessage);
        // a thread that died (out of memory, say) is replaced, so the slot serves the next job
        if (!this.closing) slot.thread = newThread();
        slot.busy = false;
        reject(new Error(`a worker thread exited (code ${code}) while computing`));
      };
      slot.thread.on('message', onMessage);
      slot.thread.once('exit', onExit);
      slot.thread.postMessage({ id, cfgs });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.thread.terminate()));
  }
}
