// Command line of sparse-recovery-lab. With no command (or only flags) it runs the main job: the paper's
// figures for a profile (src/cli/profile-command.ts). Every command goes through one error path (src/cli/exit.ts).
import { runCommand as run } from './src/cli/exit.js';

const USAGE = `usage: npx tsx reproduce.ts [command] [flags]

commands:
  (none)      the main job: the paper's figures for a profile (default quick), resumable, with heatmaps,
              a summary and a golden-file check (see: reproduce.ts --help-profile)
  core        the core acceptance cells, Gaussian sanity to the Table 1 cell (--out <file>, --quiet)
  cell        run one experiment cell and print its record (see: reproduce.ts cell --help)
  conditions  measure Theorem 1's conditions on one planted instance (see: reproduce.ts conditions --help)
  parity      run cells the authors' code printed values for, ours beside theirs (see: reproduce.ts parity --help)
  worker      compute the cells a coordinator (--executor bullmq) queues on Redis (see: reproduce.ts worker --help)`;

// Commands load lazily: a single cell should not pay for the plotting and TF.js modules in memory.
const commands: Record<string, (argv: readonly string[]) => number | Promise<number>> = {
  cell: async (argv) => (await import('./src/cli/cell-command.js')).cellCommand(argv),
  conditions: async (argv) => (await import('./src/cli/conditions-command.js')).conditionsCommand(argv),
  core: async (argv) => (await import('./src/cli/core-command.js')).coreCommand(argv),
  parity: async (argv) => (await import('./src/cli/parity-command.js')).parityCommand(argv),
  worker: async (argv) => (await import('./src/cli/worker-command.js')).workerCommand(argv),
};
const profileCommand = async (argv: readonly string[]) => (await import('./src/cli/profile-command.js')).profileCommand(argv);

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (name === '--help-profile') return profileCommand(['--help']);
  if (name === undefined || name.startsWith('--')) return run(() => profileCommand(argv));
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command '${name}' (see --help)\n`);
    return 2;
  }
  return run(() => command(rest));
}

process.exitCode = await main(process.argv.slice(2));
