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
