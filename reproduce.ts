// Command line of sparse-recovery-lab. Subcommands: cell (one experiment cell).
import { cellCommand } from './src/cli/cell-command.js';
import { ConfigError } from './src/config/fields.js';

const USAGE = `usage: npx tsx reproduce.ts <command> [flags]

commands:
  cell     run one experiment cell and print its record (see: reproduce.ts cell --help)

Run with no command to get this help.`;

const commands: Record<string, (argv: readonly string[]) => number> = { cell: cellCommand };

function main(argv: readonly string[]): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 0 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`error: unknown command '${name}'\n${USAGE}\n`);
    return 2;
  }
  try {
    return command(rest);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof RangeError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
