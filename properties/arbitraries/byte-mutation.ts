// Arbitrary: a list of edits to a file's bytes (truncate, overwrite, insert, append, swap halves), the
// kinds of damage a disk, a copy or a hand edit does. Applied with applyMutation.
import fc from 'fast-check';

export type ByteEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'append'; bytes: number[] }
  | { kind: 'swap' };

export interface ByteMutationConstraints {
  maxEdits?: number;
}

/** Positions are fractions of the length (so one mutation fits any file), as integers in [0, 1e6). */
export function byteMutation(c: ByteMutationConstraints = {}): fc.Arbitrary<ByteEdit[]> {
  const at = fc.integer({ min: 0, max: 999_999 });
  const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 });
  const edit: fc.Arbitrary<ByteEdit> = fc.oneof(
    at.map((a) => ({ kind: 'truncate' as const, at: a })),
    fc.tuple(at, fc.integer({ min: 0, max: 255 })).map(([a, value]) => ({ kind: 'set' as const, at: a, value })),
    fc.tuple(at, bytes).map(([a, b]) => ({ kind: 'insert' as const, at: a, bytes: b })),
    bytes.map((b) => ({ kind: 'append' as const, bytes: b })),
    fc.constant({ kind: 'swap' as const }),
  );
  return fc.array(edit, { minLength: 1, maxLength: c.maxEdits ?? 3 });
}

export function applyMutation(input: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b = Array.from(input);
  const pos = (a: number) => Math.floor((a / 1e6) * b.length);
  for (const e of edits) {
    if (e.kind === 'truncate') b = b.slice(0, pos(e.at));
    else if (e.kind === 'set') {
      if (b.length) b[Math.min(b.length - 1, pos(e.at))] = e.value;
    } else if (e.kind === 'insert') b.splice(pos(e.at), 0, ...e.bytes);
    else if (e.kind === 'append') b.push(...e.bytes);
    else b = [...b.slice(b.length >> 1), ...b.slice(0, b.length >> 1)];
  }
  return Uint8Array.from(b);
}
