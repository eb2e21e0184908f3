// The one error path of every command: 0 ok, 1 drift from a golden file (returned by the command),
// 2 bad input (an InputError, from whichever thread hit it: one line naming the input),
// 3 a bug in this program (anything else: its stack, so it can be reported).
import { InputError } from '../config/input-error.js';

export const EXIT = { ok: 0, drift: 1, input: 2, internal: 3 } as const;

export async function runCommand(body: () => number | Promise<number>, stderr: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof InputError) {
      stderr(`error: ${e.message.split('\n')[0]}\n`);
      return EXIT.input;
    }
    stderr(`internal error (a bug in sparse-recovery-lab; please report it with this stack):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}
