// What every command of the CLI is: its help text (printed for --help, exit 0) and its body. The entry point
// (main.ts) handles --help and --version for all of them, and runs each body through the one error path.
export interface Command {
  usage: string;
  run(argv: readonly string[]): number | Promise<number>;
}

/** The program's name in every usage line (from a clone of the repository: `npx tsx reproduce.ts`). */
export const PROGRAM = 'sparse-recovery-lab';
