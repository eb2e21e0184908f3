// Every file this program writes is written whole or not at all: to a temporary file unique to the writer,
// flushed to disk (fsync), renamed over the target, and the folder flushed too, so a crash or a power cut
// leaves the old content or the new one, never a mix. A failed write removes its temporary file.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
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
  mkdirSync(dir, { recursive: true });
  const tmp = tempNameFor(path);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncFolder(dir);
}
