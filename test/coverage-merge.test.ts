// The coverage merge (scripts/coverage.mjs): two conversions of one source add their line counts, take
// functions and branches from one side only, and refuse line maps that do not agree.
import { describe, expect, test } from 'vitest';
// @ts-expect-error a plain JavaScript script without types
import { mergeFile } from '../scripts/coverage.mjs';

const loc = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 9 } });
const file = (s: number[], f: number[], b: number[][]) => ({
  path: '/x.ts',
  statementMap: Object.fromEntries(s.map((_, i) => [String(i), loc(i + 1)])),
  s: Object.fromEntries(s.map((v, i) => [String(i), v])),
  fnMap: Object.fromEntries(f.map((_, i) => [String(i), { name: `f${i}`, decl: loc(i + 1), loc: loc(i + 1), line: i + 1 }])),
  f: Object.fromEntries(f.map((v, i) => [String(i), v])),
  branchMap: Object.fromEntries(b.map((arms, i) => [String(i), { type: 'branch', line: i + 1, loc: loc(i + 1), locations: arms.map(() => loc(i + 1)) }])),
  b: Object.fromEntries(b.map((v, i) => [String(i), v])),
});

describe('coverage merge', () => {
  test('line counts add; functions and branches come whole from the side that covered more of them', () => {
    const inProcess = file([1, 0, 0], [1, 0], [[1, 0]]);
    const cli = file([0, 2, 0], [1, 1, 0, 0, 0], [[1, 1]]);
    const m = mergeFile(inProcess, cli);
    expect(Object.values(m.s)).toEqual([1, 2, 0]);
    expect(m.fnMap).toBe(inProcess.fnMap); // 1 of 2 beats 2 of 5
    expect(m.branchMap).toBe(cli.branchMap);
  });
  test('two different line maps of one file are an error, not a silent mix', () => {
    expect(() => mergeFile(file([1, 0], [], []), file([1, 0, 0], [], []))).toThrow(/two different line maps/);
  });
});
