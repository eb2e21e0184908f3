// Maintainers' check that test/fixtures/reference/ still equals the folder it was copied from, byte for byte:
//   node scripts/compare-fixtures.mjs <source folder>
// Exit 0 when every file listed in SHA256SUMS is identical there, 1 otherwise, 2 on bad input.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
if (!source || !existsSync(source)) {
  console.error(`usage: node scripts/compare-fixtures.mjs <source folder> (got ${source ?? 'nothing'})`);
  process.exit(2);
}
const dir = new URL('../test/fixtures/reference/', import.meta.url).pathname;
const paths = readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split(/\s+/)[1].replace(/^\.\//, ''));
const differ = paths.filter((p) => !existsSync(join(source, p)) || !readFileSync(join(dir, p)).equals(readFileSync(join(source, p))));
for (const p of differ) console.log(`differs or missing: ${p}`);
console.log(`${paths.length - differ.length} of ${paths.length} files identical`);
process.exit(differ.length ? 1 : 0);
