// Every file this program writes is written whole or not at all: to a temporary file unique to the writer,
// flushed to disk (fsync), renamed over the target, and the folder flushed too, so a crash or a power cut
// leaves the old content or the new one, never a mix. A failed write removes its temporary file and, when the
// user can fix its cause (a full disk, a removed folder), says so in one line naming the folder (exit 2);
// the temporary files a killed writer left are removed by the next run (removeStaleTemps).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ioError } from './io-error.js';
import { threadId } from 'node:worker_threads';

/** Short tag of this host: temporary and claim files of other hosts (a shared folder) are never judged by pid. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** A writer-unique temporary name beside `path`: <path>.<host>-<pid>-<thread>-<random>.tmp (two runs or threads never share one). */
function tempNameFor(path: string): string {
  return `${path}.${HOST_TAG}-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
}

function fsyncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // some file systems cannot open or flush a folder; the file itself is flushed
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Write a file so that readers see either the old content or the whole new one. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = tempNameFor(path);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder itself is the problem (gone, or a file): there is no temporary file to remove
    }
    throw ioError(e, dir, `cannot write ${basename(path)}`);
  }
  fsyncFolder(dir);
}

const DAY_MS = 24 * 3600 * 1000;

/** Whether a temporary file may be removed: its writer (same host) is dead, or it is older than a day. */
function staleTemp(dir: string, name: string, alive: (pid: number) => boolean): boolean {
  const m = /\.([0-9a-f]{8})-(\d+)-\d+-[0-9a-f]+\.tmp$/.exec(name);
  let age = 0;
  try {
    age = Date.now() - statSync(join(dir, name)).mtimeMs;
  } catch {
    return false;
  }
  if (age > DAY_MS) return true;
  return m !== null && m[1] === HOST_TAG && !alive(Number(m[2]));
}

/** Removes, from `dir` (if it exists), the temporary files of writers that died before renaming them. */
export function removeStaleTemps(dir: string, alive: (pid: number) => boolean): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.endsWith('.tmp') && staleTemp(dir, f, alive)) rmSync(join(dir, f), { force: true });
}
