// The one place an I/O error a user can fix — a full disk, a removed or read-only folder, permissions — becomes
// the one-line input error (exit 2) naming the place, for every writer: the store, claims, figures, goldens,
// reports, on this thread or a worker's. Any other error passes through unchanged (a bug: exit 3).
import { InputError } from '../config/input-error.js';

const EXPLAIN: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file',
  EEXIST: 'exists and is not a folder',
  ENOENT: 'the folder is gone or cannot be created here',
  EISDIR: 'is a folder',
  EIO: 'input/output error on the device',
};

/** `e` as an InputError naming `where` and what failed when it is one of the errors above; else `e` itself. */
export function ioError(e: unknown, where: string, what: string, flag = where): unknown {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  if (!(code in EXPLAIN)) return e;
  return new InputError(flag, `${where}: ${what}: ${EXPLAIN[code]} (${code})`);
}
