// The documentation stands alone: the README is a front door, docs/cli.md is the CLI's own help, and no page
// points at something a reader cannot open.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { cliReference } from '../src/cli/cli-reference.js';
import { COMMANDS, main } from '../src/cli/main.js';

const pages = ['README.md', 'CHANGELOG.md', ...readdirSync('docs').map((f) => join('docs', f))];
afterEach(() => vi.restoreAllMocks());

async function help(...argv: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  expect(await main([...argv, '--help'])).toBe(0);
  vi.restoreAllMocks();
  return out.trimEnd();
}

describe('documentation', () => {
  test('README is a front door: at most 200 lines', () => {
    expect(readFileSync('README.md', 'utf8').split('\n').length).toBeLessThanOrEqual(200);
  });
  test('docs/cli.md is what `npx tsx scripts/write-cli-docs.ts` writes, and holds what every command prints for --help', async () => {
    const doc = readFileSync('docs/cli.md', 'utf8');
    expect(doc).toBe(await cliReference());
    const blocks = [...doc.matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    expect(blocks[0]).toBe(await help());
    for (const [i, name] of Object.keys(COMMANDS).entries()) expect(blocks[i + 1], name).toBe(await help(name));
  });
  test('no page or help text points at what a reader cannot open: an issue, a stop, a spec section, a folder outside the repository', async () => {
    const banned = /\bissue[- ]\d+|\bstop \d+|\bSPEC\b|§\s?\d|\.\.\/shared/;
    for (const page of pages) expect(readFileSync(page, 'utf8'), page).not.toMatch(banned);
    for (const name of ['', ...Object.keys(COMMANDS)]) expect(await help(...(name ? [name] : [])), name).not.toMatch(banned);
  });
  test('every relative link resolves to a file of the repository, and every anchor to a heading', () => {
    const slug = (h: string) =>
      h
        .toLowerCase()
        .replace(/[^\p{L}\p{N} -]/gu, '')
        .replace(/ /g, '-');
    for (const page of pages) {
      for (const [, target] of readFileSync(page, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#');
        const path = file ? join(dirname(page), file) : page;
        expect(existsSync(path), `${page} → ${target}`).toBe(true);
        if (anchor) {
          const headings = [...readFileSync(path, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!));
          expect(headings, `${page} → ${target}`).toContain(anchor);
        }
      }
    }
  });
});
