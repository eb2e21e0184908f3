// The code version that salts every stored record's key: a hash of the sources that determine a record,
// computed once per process. Any edit to them gives new keys, so a warm store never serves a record that
// older code computed (a constant bumped by hand did, whenever someone forgot to bump it). The compiled
// package carries the version of the sources it was built from (scripts/build.ts), so both agree.
// Left out, because they cannot change a record: tests, the CLI, reports, claims, golden files, figure definitions,
// the public contracts, the golden check for other people's results and the cost model (it prices and orders cells).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Folders of src/ whose files cannot change a record's content. */
const NOT_RESULT_SOURCES = ['cli', 'report', 'golden', 'experiments', 'contracts', 'check', 'claims', 'cost'] as const;

function sourceFiles(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (dir === root && (NOT_RESULT_SOURCES as readonly string[]).includes(e.name)) continue;
      out.push(...sourceFiles(p, root));
    } else if (/\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** 'srl-' + the first 12 hex digits of sha256 over the result-determining sources (path and content, sorted). */
export function sourceVersion(root = SOURCE_ROOT): string {
  const h = createHash('sha256');
  for (const f of sourceFiles(root, root).sort()) h.update(relative(root, f).split('\\').join('/')).update('\0').update(readFileSync(f)).update('\0');
  return `srl-${h.digest('hex').slice(0, 12)}`;
}

/** The file the build writes beside the compiled code: the version of the sources it was compiled from. */
export const BUILT_VERSION_FILE = 'code-version.json';

/** This code's version: hashed from the sources where they run (a clone), read from the build where it runs compiled. */
export function codeVersion(): string {
  if (import.meta.url.endsWith('.ts')) return sourceVersion();
  return (JSON.parse(readFileSync(join(SOURCE_ROOT, BUILT_VERSION_FILE), 'utf8')) as { codeVersion: string }).codeVersion;
}
