// Before a coordinator enqueues anything or a worker starts a thread: is there a Redis at this URL, and does
// it have the database the URL names? One connection, no retries, a few seconds: a wrong URL, a server that is
// not running and a database index the server does not have are each one line (exit 2), never a hang.
import { Redis } from 'ioredis';
import { connectionOf, QueueError } from './queue.js';

const PROBE_MS = 5000;

export async function probeRedis(url: string): Promise<void> {
  const c = connectionOf(url) as { host: string; port: number; db: number; username?: string; password?: string };
  const { db, ...server } = c;
  const client = new Redis({
    ...server,
    lazyConnect: true,
    connectTimeout: PROBE_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let cause = '';
  client.on('error', (e: Error) => (cause ||= e.message)); // the first cause, reported below once
  try {
    await client.connect();
    await client.ping();
    // ioredis reports a failed SELECT of the URL's database as an event and carries on with database 0
    await client.select(db);
  } catch (e) {
    const message = cause || (e as Error).message;
    throw new QueueError(
      url,
      /DB index/i.test(message)
        ? `the server has no database ${db} (${message})`
        : `Redis does not answer (${message}); start it (redis-server) or fix the URL`,
    );
  } finally {
    client.disconnect();
  }
}
