// One rule for whether the run behind a claim is still alive. A pid alone says little: a process in a fresh
// PID namespace (a container) gets the dead run's pid back, and pids are reused. So a claim records the
// host, the boot, the pid, the process's start time and a random id of the run; it is alive only when all
// of them still match. Our own pid under another run id is a dead run's. A claim whose holder cannot be
// verified this way (another host, or no /proc) ages out after a day.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HOST_TAG } from './atomic.js';

export interface Holder {
  host: string;
  pid: number;
  /** the process's start time (clock ticks after boot, from /proc/<pid>/stat), null where unknown */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id, null where unknown */
  boot: string | null;
  /** a random id of the run (the process) that wrote it */
  run: string;
  since: string;
}

const RUN_ID = randomBytes(6).toString('hex');
const AGE_OUT_MS = 24 * 3600 * 1000;

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

const BOOT_ID = read('/proc/sys/kernel/random/boot_id');

/** Start time of a process, or null (no such process, or no /proc). Field 22 of /proc/<pid>/stat, after the command name. */
export function processStart(pid: number): string | null {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** Whether a process with this pid exists here (EPERM: it does, under another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const thisHolder = (): Holder => ({
  host: HOST_TAG,
  pid: process.pid,
  start: processStart(process.pid),
  boot: BOOT_ID,
  run: RUN_ID,
  since: new Date().toISOString(),
});

/** Whether the run that wrote `h` (at `writtenAt`, ms) may still be running. */
export function holderAlive(h: Partial<Holder>, writtenAt: number): boolean {
  const aged = Date.now() - writtenAt > AGE_OUT_MS;
  if (h.host !== HOST_TAG || typeof h.pid !== 'number') return !aged;
  if (h.boot && BOOT_ID && h.boot !== BOOT_ID) return false;
  // our own pid is ours only under our run id: otherwise a dead run's, whose pid we were given
  if (h.pid === process.pid) return h.run === RUN_ID;
  if (!pidAlive(h.pid)) return false;
  const start = processStart(h.pid);
  if (h.start && start) return h.start === start;
  return !aged;
}

/** "pid 123 (since …)" or "pid 123 on host ab12cd34 (since …)", for wait lines and messages. */
export const describeHolder = (h: Partial<Holder>): string =>
  `pid ${h.pid}${h.host === HOST_TAG ? '' : ` on host ${h.host}`}${h.since ? ` (since ${h.since})` : ''}`;
