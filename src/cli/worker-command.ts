// `worker --redis URL [--concurrency N]`: computes the cells a coordinator (`reproduce --executor bullmq
// --redis URL`) queues, until stopped (SIGINT or SIGTERM).
import { ConfigError, flagHelp, parseFlags } from '../config/fields.js';
import { WORKER_FIELDS } from '../config/worker.js';
import { CODE_VERSION } from '../run/record.js';
import { PROGRAM, type Command } from './command.js';

const WORKER_USAGE = `usage: ${PROGRAM} worker --redis redis://host:port [--concurrency N] [--quiet]

Takes jobs from the BullMQ queue on Redis and computes them, each in a worker thread of its own, until
stopped with SIGINT or SIGTERM. Start any number, on any machines with this same commit checked out: a
worker running other code refuses the jobs and says so.

${flagHelp(WORKER_FIELDS)}`;

async function workerCommand(argv: readonly string[]): Promise<number> {
  const { config: cfg } = parseFlags(WORKER_FIELDS, argv);
  if (!cfg.redis) throw new ConfigError('--redis', 'worker needs --redis redis://host:port');
  // a wrong URL or a server that is not there: one line before any thread starts
  await (await import('../run/redis-probe.js')).probeRedis(cfg.redis);
  const { startQueueWorker } = await import('../run/queue-worker.js');
  const log = (line: string) => {
    if (!cfg.quiet) process.stderr.write(`[worker ${process.pid}] ${line}\n`);
  };
  const worker = startQueueWorker({ redis: cfg.redis, concurrency: cfg.concurrency, log });
  log(`code ${CODE_VERSION}, ${cfg.concurrency} thread(s), queue on ${cfg.redis}`);
  const stop = () => {
    log('stopping: finishing the jobs in hand');
    void worker.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await worker.closed;
  return 0;
}

export const command: Command = { usage: WORKER_USAGE, run: workerCommand };
