// The reference fixtures are ground truth: copied verbatim from the shared fixture folder, never edited.
// Their checksums (SHA256SUMS, written by sha256sum when they were copied) guard against edits; where the
// shared folder sits beside the checkout, the copies must also equal it byte for byte.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const DIR = new URL('./fixtures/reference/', import.meta.url);
const SHARED = new URL('../../shared/fixtures/', import.meta.url);
const sums = readFileSync(new URL('SHA256SUMS', DIR), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [hash, path] = line.split(/\s+/);
    return { hash: hash!, path: path!.replace(/^\.\//, '') };
  });

describe('reference fixtures', () => {
  test('every copied file matches its recorded checksum', () => {
    expect(sums.length).toBeGreaterThanOrEqual(31); // README, streams, torch init, 29 traces
    for (const { hash, path } of sums)
      expect(
        createHash('sha256')
          .update(readFileSync(new URL(path, DIR)))
          .digest('hex'),
        path,
      ).toBe(hash);
  });
  test.runIf(existsSync(SHARED))('the copies equal the shared fixture folder byte for byte', () => {
    for (const { path } of sums) expect(readFileSync(new URL(path, DIR)).equals(readFileSync(new URL(path, SHARED))), path).toBe(true);
  });
});
