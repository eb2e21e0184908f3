// Content hashes of data files (which files a cell reads is the task's business: tasks/data-files.ts), so
// a store key changes when a file's content does (same path, new content → new key). Each file is hashed
// once per process.
import { createHash } from 'node:crypto';
import { readDataFile } from './idx.js';

const digests = new Map<string, string>();

/** sha256 of a file's content (hex), read once per process. */
function fileDigest(file: string): string {
  let d = digests.get(file);
  if (d === undefined) {
    d = createHash('sha256').update(readDataFile(file)).digest('hex');
    digests.set(file, d);
  }
  return d;
}

/** One hash over the contents of the files (16 hex digits), or null for none. */
export function digestOfFiles(files: readonly string[]): string | null {
  if (files.length === 0) return null;
  const h = createHash('sha256');
  for (const f of files) h.update(fileDigest(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}
