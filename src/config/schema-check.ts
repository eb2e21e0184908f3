// One way to validate a JSON document against one of the project's schemas (records, golden files, claims):
// compiled once, on first use, and reported as its first few errors in one line.
import { Ajv2020 } from 'ajv/dist/2020.js';

/** A checker for `schema`: null when a document matches, else its first `max` errors joined in one line. */
export function schemaChecker(schema: object, max = 3): (obj: unknown) => string | null {
  let validate: ReturnType<Ajv2020['compile']> | null = null;
  return (obj) => {
    validate ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    if (validate(obj)) return null;
    return (validate.errors ?? [])
      .slice(0, max)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
  };
}
