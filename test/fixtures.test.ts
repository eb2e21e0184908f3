// The reference fixtures are ground truth: copied verbatim into test/fixtures/reference/ (provenance in
// test/fixtures/PROVENANCE.md), never edited. Their checksums (SHA256SUMS, written by sha256sum when they
// were copied) guard against edits; scripts/compare-fixtures.mjs compares the copies with a source folder.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const DIR = fileURLToPath(new URL('./fixtures/reference/', import.meta.url));
const sums = readFileSync(join(DIR, 'SHA256SUMS'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [hash, path] = line.split(/\s+/);
    return { hash: hash!, path: path!.replace(/^\.\//, '') };
  });

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [relative(DIR, join(dir, e.name))]));

describe('reference fixtures', () => {
  test('every copied file matches its recorded checksum', () => {
    expect(sums.length).toBeGreaterThanOrEqual(79); // README, streams, torch init, 29 traces; 48 files of the further traces
    for (const { hash, path } of sums)
      expect(
        createHash('sha256')
          .update(readFileSync(join(DIR, path)))
          .digest('hex'),
        path,
      ).toBe(hash);
  });
  test('every file in the folder has a checksum (nothing added unrecorded)', () => {
    expect(
      filesUnder(DIR)
        .filter((f) => f !== 'SHA256SUMS')
        .sort(),
    ).toEqual(sums.map((s) => s.path).sort());
  });
});
