// What the BullMQ coordinator and its workers share: the queue's name, the Redis connection from a URL,
// a job's data and its id, and the error a user sees when Redis is not there.
import type { ConnectionOptions } from 'bullmq';
import type { CellConfig } from '../config/cell-config.js';
import { configHash } from '../config/hash.js';
import { InputError } from '../config/input-error.js';
import { storeKey } from './record.js';
import { dataDigest } from '../tasks/data-files.js';

export const QUEUE_NAME = 'srl-cells';

export interface QueueJobData {
  cfgs: CellConfig[];
  /** the coordinator's code version: a worker running other code refuses the job */
  codeVersion: string;
}

/** A Redis problem the user fixes (a wrong URL, a server that stopped): one line, exit 2. */
export class QueueError extends InputError {
  constructor(url: string, message: string) {
    super('--redis', `--redis ${url}: ${message}`);
    this.name = 'QueueError';
  }
}

/** ioredis options from redis://[user:password@]host:port[/db]. */
export function connectionOf(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueError(url, 'not a URL (expected redis://host:port)');
  }
  if (u.protocol !== 'redis:') throw new QueueError(url, `expected redis://host:port, got the scheme ${u.protocol}`);
  const path = u.pathname.length > 1 ? u.pathname.slice(1) : '0';
  if (!/^\d{1,5}$/.test(path)) throw new QueueError(url, `the path names the database, a number (redis://host:port/0); got '${path}'`);
  const db = Number(path);
  if (u.port && !(Number(u.port) >= 1 && Number(u.port) <= 65535)) throw new QueueError(url, `port ${u.port} is not a TCP port`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db,
    maxRetriesPerRequest: null,
  };
}

/** A job's id: the cell's store key, or for cells sharing one run a hash of their keys (never queued twice). */
export const jobIdOf = (cfgs: readonly CellConfig[]): string =>
  cfgs.length === 1 ? storeKey(cfgs[0]!, dataDigest(cfgs[0]!)) : `path-${configHash(cfgs.map((c) => storeKey(c, dataDigest(c))))}`;
