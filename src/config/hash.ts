import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively: equal configs give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** First 16 hex digits of sha256(salt + canonical JSON). */
export function configHash(config: unknown, salt = ''): string {
  return createHash('sha256').update(salt).update(canonicalJson(config)).digest('hex').slice(0, 16);
}

/** The fields whose value differs from the table's default, plus those in `always`: what open_lth hashes,
 *  so a field added later with a default leaves every earlier hash as it was. */
export function nonDefaultFields<T extends Record<string, unknown>>(
  config: T,
  fields: Readonly<Record<string, { default: unknown }>>,
  always: readonly (keyof T)[] = [],
): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(config) as (keyof T)[]) {
    const f = fields[k as string];
    if (always.includes(k) || !f || canonicalJson(config[k]) !== canonicalJson(f.default)) out[k] = config[k];
  }
  return out;
}
