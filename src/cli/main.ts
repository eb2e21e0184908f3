// The command line of sparse-recovery-lab (the package's bin; `npx tsx reproduce.ts` in a clone). With no
// command, or only flags, it runs the main job: the paper's figures for a profile. Every command takes
// --help (exit 0) and --version, and goes through one error path (exit.ts).
import { PACKAGE } from '../config/package-root.js';
import type { Command } from './command.js';
import { PROGRAM } from './command.js';
import { runCommand } from './exit.js';

interface Entry {
  summary: string;
  load: () => Promise<Command>;
}

// Commands load lazily: a single cell should not pay for the plotting and TF.js modules.
export const COMMANDS: Record<string, Entry> = {
  reproduce: {
    summary: "the main job (also with no command): the paper's figures for a profile, resumable, with heatmaps, a summary and a golden-file check",
    load: async () => (await import('./profile-command.js')).command,
  },
  cell: { summary: 'run one experiment cell and print its record', load: async () => (await import('./cell-command.js')).command },
  conditions: {
    summary: "measure Theorem 1's conditions on one planted instance (exit 1 when they do not hold)",
    load: async () => (await import('./conditions-command.js')).command,
  },
  check: {
    summary: 'compare results (records or aggregates) with the golden files; a drift table, --json, --junit',
    load: async () => (await import('./check-command.js')).command,
  },
  contracts: {
    summary: 'run the contracts on the implementations an adapter module exports (topS, liftedOperator, solve, …)',
    load: async () => (await import('./contracts-command.js')).command,
  },
  claims: {
    summary: "judge the paper's claims on a finished profile run: a verdict, statistic, threshold and cells per claim",
    load: async () => (await import('./claims-command.js')).command,
  },
  parity: { summary: "run cells the authors' code printed values for, ours beside theirs", load: async () => (await import('./parity-command.js')).command },
  core: {
    summary: 'the core acceptance cells, from the Gaussian sanity check to the Table 1 cell',
    load: async () => (await import('./core-command.js')).command,
  },
  worker: {
    summary: 'compute the cells a coordinator (--executor bullmq) queues on Redis',
    load: async () => (await import('./worker-command.js')).command,
  },
};

export const MAIN_USAGE = `usage: ${PROGRAM} [command] [flags]
       (in a clone of the repository: npx tsx reproduce.ts [command] [flags], or npm run reproduce -- [flags])

commands:
${Object.entries(COMMANDS)
  .map(([name, e]) => `  ${name.padEnd(11)} ${e.summary}`)
  .join('\n')}

Every command takes --help (what it does, its flags and their defaults) and --version.
Exit codes: 0 everything holds; 1 a result differs from what it is checked against (a golden file, the reference's
values, a contract, Theorem 1's conditions); 2 bad input, said in one line naming it; 3 a bug in this program,
with its stack.`;

const versionLine = async (): Promise<string> => `${PACKAGE.name} ${PACKAGE.version} (code ${(await import('../run/record.js')).CODE_VERSION})`;

/** Output piped into a reader that stops early (`… | head`) ends the command quietly, not with an EPIPE stack. */
function quietOnClosedPipe(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  quietOnClosedPipe();
  const [first, ...rest] = argv;
  const named = first !== undefined && !first.startsWith('-');
  if (!named && (first === '--help' || first === '-h')) {
    process.stdout.write(MAIN_USAGE + '\n');
    return 0;
  }
  const name = named ? first : 'reproduce';
  const args = named ? rest : argv;
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`error: unknown command '${name}' (see ${PROGRAM} --help)\n`);
    return 2;
  }
  return runCommand(async () => {
    if (args.includes('--version')) {
      process.stdout.write((await versionLine()) + '\n');
      return 0;
    }
    const command = await entry.load();
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(command.usage + '\n');
      return 0;
    }
    return command.run(args);
  });
}
