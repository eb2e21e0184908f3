// The run's property seed: the environment's PBT_SEED, or a fresh one, printed so the run can be replayed.
// Run as a script (`npm run properties -- [FILE…] [vitest flags]`), it runs the property files — only the
// files named, when some are — under that seed.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

export function propertySeed() {
  const seed = process.env.PBT_SEED || String(randomInt(0, 2 ** 31 - 1));
  console.log(`property seed ${seed} (budget ${process.env.PBT_BUDGET || 'ci'}); replay with PBT_SEED=${seed}`);
  return seed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  // vitest matches any of its filters: adding properties/ to a file would run every property file
  const files = args.filter((a) => !a.startsWith('-') && (a.includes('/') || /\.[cm]?[jt]s$/.test(a)));
  const env = { ...process.env, PBT_SEED: propertySeed() };
  const r = spawnSync('npx', ['vitest', 'run', ...(files.length ? [] : ['properties/']), ...args], { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
