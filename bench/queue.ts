// The queue's cost (issue 14): the quick profile's Fig. 3 binary sweep, from an empty store, through the
// local pool (2 executors) and through BullMQ on a local Redis with two worker processes (one thread each).
// Prints both wall times and their ratio, and writes out/bench/queue.json. Needs Debian's redis-server.
//   npx tsx bench/queue.ts [--figure fig3-binary-mnist] [--profile quick]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/run/atomic.js';
import { startRedis } from '../test/support/redis.js';

const arg = (flag: string, fallback: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const figure = arg('--figure', 'fig3-binary-mnist');
const profile = arg('--profile', 'quick');
const sweep = (extra: string[]) => [
  '--import',
  'tsx',
  'reproduce.ts',
  '--profile',
  profile,
  '--figure',
  figure,
  '--quiet',
  '--out',
  mkdtempSync(join(tmpdir(), 'srl-bench-queue-')),
  ...extra,
];

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`sweep failed (exit ${r.status}): ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

process.stdout.write(`${profile} ${figure}, from an empty store\n`);
const local = timed(sweep(['--workers', '2']));
process.stdout.write(`local pool, 2 executors: ${local.toFixed(1)} s\n`);

const redis = await startRedis();
const workers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', 'reproduce.ts', 'worker', '--redis', redis.url, '--quiet'], { stdio: 'ignore' }));
let queued: number;
try {
  queued = timed(sweep(['--executor', 'bullmq', '--redis', redis.url]));
} finally {
  for (const w of workers) w.kill('SIGTERM');
  await redis.stop();
}
const ratio = queued / local;
process.stdout.write(`BullMQ, 2 workers:       ${queued.toFixed(1)} s (${((ratio - 1) * 100).toFixed(1)} % over the local pool)\n`);
mkdirSync('out/bench', { recursive: true });
writeFileAtomic(
  'out/bench/queue.json',
  JSON.stringify({ date: new Date().toISOString(), profile, figure, localSeconds: local, queueSeconds: queued, ratio }, null, 2) + '\n',
);
