// Runs a command with PBT_SEED set: the environment's value, or a fresh one, printed so the run can be replayed.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

export function propertySeed() {
  const seed = process.env.PBT_SEED || String(randomInt(0, 2 ** 31 - 1));
  console.log(`property seed ${seed} (budget ${process.env.PBT_BUDGET || 'ci'}); replay with PBT_SEED=${seed}`);
  return seed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, ...args] = process.argv.slice(2);
  const env = { ...process.env, PBT_SEED: propertySeed() };
  const r = spawnSync('npx', [cmd, ...args], { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
