// The output folder is checked before any cell runs: created one level at a time (Node's recursive
// mkdir loops forever on procfs), refused on pseudo file systems, and probed with a real write, so an
// unwritable place is a one-line error naming the flag instead of a stack trace after the first cell.
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statfsSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../config/input-error.js';
import { ioError } from './io-error.js';

/** procfs, sysfs, devpts, debugfs, cgroup, cgroup2, securityfs, tracefs: not places for results. */
const PSEUDO_FS = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x64626720, 0x27e0eb, 0x63677270, 0x73636673, 0x74726163]);

function fail(flag: string, dir: string, e: unknown, what: string): never {
  const err = ioError(e, `${flag} ${dir}`, what, flag);
  throw err instanceof InputError ? err : new InputError(flag, `${flag} ${dir}: ${what}: ${(e as Error).message}`);
}

/** Creates `dir` (and its parents) if needed and checks that a file can be written in it. */
export function ensureWritableDir(dir: string, flag: string): void {
  const abs = resolve(dir);
  const missing: string[] = [];
  let p = abs;
  while (!existsSync(p)) {
    missing.unshift(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  try {
    if (!statSync(p).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    if (PSEUDO_FS.has(statfsSync(p).type))
      throw new InputError(flag, `${flag} ${dir}: ${p} is on a pseudo file system (procfs, sysfs, …), not a place for results`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    fail(flag, dir, e, `cannot use ${p}`);
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') fail(flag, dir, e, `cannot create ${m}`);
    }
  }
  const probe = `${abs}/.write-probe-${process.pid}`;
  try {
    const fd = openSync(probe, 'w');
    writeSync(fd, 'ok');
    closeSync(fd);
    rmSync(probe, { force: true });
  } catch (e) {
    fail(flag, dir, e, 'cannot write there');
  }
}
