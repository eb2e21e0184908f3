// reproduce.ts worker --redis URL [--concurrency N]: computes the cells a coordinator
// (reproduce.ts --executor bullmq --redis URL) queues, until stopped (SIGINT or SIGTERM).
import { ConfigError, flagHelp, parseFlags } from '../config/fields.js';
import { WORKER_FIELDS } from '../config/worker.js';
import { CODE_VERSION } from '../run/record.js';

const WORKER_USAGE = `usage: npx tsx reproduce.ts worker --redis redis://host:port [--concurrency N] [--quiet]

Takes jobs from the BullMQ queue on Redis and computes them, each in a worker thread of its own, until
stopped with SIGINT or SIGTERM. Start any number, on any machines with this same commit checked out: a
worker running other code refuses the jobs and says so.

${flagHelp(WORKER_FIELDS)}`;

export async function workerCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(WORKER_USAGE + '\n');
    return 0;
  }
  const { config: cfg } = parseFlags(WORKER_FIELDS, argv);
  if (!cfg.redis) throw new ConfigError('--redis', 'worker needs --redis redis://host:port');
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
