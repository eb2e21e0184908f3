// Writes schemas/*.schema.json from the schemas the code validates with (src/golden/golden-schema.ts,
// src/run/record-schema.ts): the files are for readers and other tools; test/schemas.test.ts keeps them equal.
// Usage: npx tsx scripts/write-schemas.ts
import { writeFileAtomic } from '../src/run/atomic.js';
import { SCHEMA_FILES } from '../src/golden/schema-files.js';

for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
  writeFileAtomic(file, JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote ${file}`);
}
