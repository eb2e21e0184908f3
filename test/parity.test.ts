import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { PARITY_FIELDS } from '../src/config/parity.js';
import { defaults } from '../src/config/fields.js';
import { agrees, command as parity, readParityTable } from '../src/cli/parity-command.js';

const tmpTable = (rows: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'srl-parity-')), 'table.json');
  writeFileSync(file, JSON.stringify({ rows }));
  return file;
};

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await parity.run(argv), out };
  } finally {
    spy.mockRestore();
  }
}

describe('reproduce.ts parity', () => {
  test('the committed table reads, every row a valid cell', () => {
    const rows = readParityTable('parity/reference.json');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) expect(r.cell.streams).toBe('reference');
  });
  test('agreement: within the tolerance, or both exact fits', () => {
    const cfg = defaults(PARITY_FIELDS);
    expect(agrees(39.2684, 39.268, cfg)).toBe(true);
    expect(agrees(39.4, 39.268, cfg)).toBe(false);
    expect(agrees(162.1, 165.3, cfg)).toBe(true);
    expect(agrees(149, 165.3, cfg)).toBe(false);
    expect(agrees(null, 20, cfg)).toBe(false);
  });
  test("the reference's INR-MNIST m = 2, s = 20, seed 0 cell agrees; a wrong reference value is reported and exits 1", async () => {
    const cell = { task: 'inr-mnist', m: 2, s: 20, epochs: 100, seed: 0 };
    const good = await run(['--table', tmpTable([{ id: 'inr', cell, psnr: 23.17068363081088, source: 'trace' }]), '--quiet']);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/\| inr \| 23\.1706\d+ \| 23\.17068363081088 \| -?\d\.\de-\d+ \| yes \|/);
    const bad = await run(['--table', tmpTable([{ id: 'inr', cell, psnr: 23.3, source: 'wrong' }]), '--quiet', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)[0].agrees).toBe(false);
  });
  test("IMP cells: the masks equal the reference's at every round, or the first round that differs is named (exit 1)", async () => {
    const row = readParityTable('parity/reference.json').find((r) => r.id === 'imp-planted-k3-m5-s20-seed1')!;
    const good = await run(['--only', 'imp-planted-k3-m5-s20-seed1', '--quiet']);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/\| yes \| — \| equal at all 17 rounds \|/);
    const masks = [...row.masks!];
    masks[4] = masks[4]!.replace(/1/, '0'); // the reference's round 5 says otherwise
    const bad = await run(['--table', tmpTable([{ ...row, masks }]), '--quiet']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/\| \*\*no\*\* \| — \| first differ at round 5 \|/);
    expect(() => readParityTable(tmpTable([{ ...row, masks: ['012'] }]))).toThrow(/rows\[0\]: masks must be strings of 0 and 1/);
  });
  test('a bad table is an error naming the file and the row', async () => {
    expect(() => readParityTable(tmpTable([{ id: 'x', cell: { task: 'nope' }, psnr: 1, source: 's' }]))).toThrow(/rows\[0\]\.cell\.task must be one of/);
    expect(() => readParityTable(tmpTable([{ id: 'x', cell: {} }]))).toThrow(/rows\[0\]: needs id/);
    await expect(run(['--only', 'nothing-matches', '--quiet'])).rejects.toThrow(/matches no row/);
  });
});
