// Arbitrary: an edit of a JSON document's values — a field set to another JSON value, deleted, or an
// array element duplicated — addressed by a path of fractions so one edit fits any document.
import fc from 'fast-check';

export interface JsonEdit {
  /** each step picks a child by fraction of the child count, in [0, 1e6) */
  path: number[];
  op: 'set' | 'delete' | 'duplicate';
  value: unknown;
}

export interface JsonMutationConstraints {
  maxDepth?: number;
}

export function jsonMutation(c: JsonMutationConstraints = {}): fc.Arbitrary<JsonEdit> {
  return fc.record({
    path: fc.array(fc.integer({ min: 0, max: 999_999 }), { minLength: 1, maxLength: c.maxDepth ?? 4 }),
    op: fc.constantFrom('set', 'set', 'delete', 'duplicate'),
    value: fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      fc.string({ maxLength: 5 }),
      fc.constant([]),
      fc.constant({}),
      fc.constant(1e308),
    ),
  }) as fc.Arbitrary<JsonEdit>;
}

/** A deep copy of `doc` with the edit applied (a path that ends early edits where it ended). */
export function applyJsonEdit(doc: unknown, e: JsonEdit): unknown {
  const root = JSON.parse(JSON.stringify(doc)) as unknown;
  let parent: Record<string, unknown> | unknown[] | null = null;
  let key: string | number | null = null;
  let node: unknown = root;
  for (const f of e.path) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string, unknown> | unknown[];
    key = keys[Math.floor((f / 1e6) * keys.length)]!;
    node = (parent as Record<string | number, unknown>)[key];
  }
  if (parent === null || key === null) return e.op === 'set' ? e.value : root;
  if (e.op === 'set') (parent as Record<string | number, unknown>)[key] = e.value;
  else if (e.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (Array.isArray(parent)) parent.splice(key as number, 0, JSON.parse(JSON.stringify(node)) as unknown);
  return root;
}
