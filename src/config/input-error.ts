// The one class of user-caused errors: a flag, a data file, a golden file, a store record or an output
// folder that the user can fix. The CLI maps it to exit 2 with its one-line message; anything else is a
// bug in this program and exits 3 with its stack. `input` names what to fix (a flag or a path).
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** What crosses a thread or process boundary: enough to rebuild the error on the other side. */
export interface SerializedError {
  input: string | null;
  name: string;
  message: string;
  stack: string;
}

export function serializeError(e: unknown): SerializedError {
  const err = e instanceof Error ? e : new Error(String(e));
  return { input: err instanceof InputError ? err.input : null, name: err.name, message: err.message, stack: err.stack ?? `${err.name}: ${err.message}` };
}

/** An input error stays an input error (same message); a bug keeps the other side's stack. */
export function deserializeError(s: SerializedError, where: string): Error {
  if (s.input !== null) return new InputError(s.input, s.message);
  const e = new Error(`${where}: ${s.name}: ${s.message}`);
  e.stack = `${e.message}\n--- stack in the ${where} ---\n${s.stack}`;
  return e;
}
