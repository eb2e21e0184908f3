// schemas/*.schema.json are written from the code's schemas (scripts/write-schemas.ts); the enums come from
// config/names.ts, so a new task, method, kernel, backend, profile or metric changes them in one place.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { METHODS, METRICS, REPRODUCTION_PROFILES } from '../src/config/names.js';
import { GOLDEN_SCHEMA } from '../src/golden/golden-schema.js';
import { SCHEMA_FILES } from '../src/golden/schema-files.js';

test.each(Object.entries(SCHEMA_FILES))("%s is the code's schema, written by scripts/write-schemas.ts", (file, schema) => {
  expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(schema, null, 2) + '\n');
});

test("the golden schema's enums are the name lists", () => {
  const p = GOLDEN_SCHEMA.properties;
  expect(p.profile.enum).toEqual([...REPRODUCTION_PROFILES]);
  expect(p.metric.enum).toEqual([...METRICS]);
  expect(p.cells.items.properties.method.enum).toEqual([...METHODS]);
});
