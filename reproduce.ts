// Command line of sparse-recovery-lab. With no command it runs the default job.
import { cellCommand } from './src/cli/cell-command.js';
import { conditionsCommand } from './src/cli/conditions-command.js';
import { defaultJob } from './src/cli/default-job.js';
import { ConfigError } from './src/config/fields.js';

const USAGE = `usage: npx tsx reproduce.ts [command] [flags]

commands:
  (none)   the default job: the core acceptance cells, Gaussian sanity to the Table 1 cell
           (flags: --out <file> (default out/default-job.json), --quiet)
  cell        run one experiment cell and print its record (see: reproduce.ts cell --help)
  conditions  measure Theorem 1's conditions on one planted instance (see: reproduce.ts conditions --help)`;

const commands: Record<string, (argv: readonly string[]) => number | Promise<number>> = { cell: cellCommand, conditions: conditionsCommand };

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (name === undefined || name.startsWith('--')) return run(() => defaultJob(argv));
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command '${name}'\n${USAGE}\n`);
    return 2;
  }
  return run(() => command(rest));
}

/** Bad input → a message naming it and exit code 2; anything else is a bug and keeps its stack. */
async function run(body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof RangeError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
