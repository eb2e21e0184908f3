// Honest aggregates (issue 11, items 7–9): baselines in every regression record, partial cells counted and
// marked, std only where two runs are finite, and a code version no edit can leave stale.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { aggregate, sampleStd } from '../src/golden/aggregate.js';
import { cellMarks } from '../src/report/heatmap.js';
import { runCell } from '../src/run/run-cell.js';
import type { CellRecord } from '../src/run/record.js';
import { sourceVersion } from '../src/run/version.js';
import { plantedInstance } from '../src/tasks/planted-task.js';
import { skippedOutcome } from '../src/tasks/outcome.js';

const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), ...over });

describe('baselines in regression records', () => {
  test('a planted record carries the PSNR of predicting 0 and of the mean label, on its own data', () => {
    const c = cell({ d: 6, m: 3, s: 6, n: 400, epochs: 3, seed: 2 });
    const r = runCell(c);
    const { y, maxLabel } = plantedInstance(c);
    const meanSq = y.reduce((a, v) => a + v * v, 0) / y.length;
    const mean = y.reduce((a, v) => a + v, 0) / y.length;
    const variance = y.reduce((a, v) => a + (v - mean) ** 2, 0) / y.length;
    const peak = 20 * Math.fround(Math.log10(Math.fround(maxLabel)));
    expect(r.psnrZero).toBeCloseTo(peak - 10 * Math.log10(meanSq), 9);
    expect(r.psnrConstant).toBeCloseTo(peak - 10 * Math.log10(variance), 9);
    expect(r.psnrConstant!).toBeGreaterThanOrEqual(r.psnrZero!);
  });
  test('classification records have none; INR records have them with peak 1', () => {
    expect(runCell(cell({ task: 'binary-mnist', m: 2, s: 10, epochs: 1, batch: 5000 })).psnrZero).toBeNull();
    const inr = runCell(cell({ task: 'inr-mnist', m: 2, s: 10, epochs: 2 }));
    expect(inr.psnrZero).toBeCloseTo(12.3447, 3); // the fixture's zero-predictor PSNR of the INR-MNIST image
  });
});

function fake(over: Partial<CellRecord> & { seed: number }): CellRecord {
  const { seed, ...rest } = over;
  return {
    ...skippedOutcome(''),
    config: cell({ seed, m: 3, s: 6 }),
    configHash: `${seed}`.padStart(16, '0'),
    codeVersion: 'v',
    valueTol: 1e-6,
    skipped: false,
    skipReason: null,
    psnr: 20,
    mse: 1,
    psnrZero: 10,
    psnrConstant: 11,
    nnz: 6,
    steps: 3,
    seconds: 0,
    cpuSeconds: 0,
    peakRssBytes: 0,
    ...rest,
  } as CellRecord;
}

describe('partial cells and spread', () => {
  test('one diverged seed of two: finite 1 of 2, mean of the survivor, no std (the old aggregate reported 0), marked *', () => {
    const [c] = aggregate(
      [fake({ seed: 0, psnr: 30 }), fake({ seed: 1, skipped: true, skipReason: 'diverged: non-finite value', psnr: null, psnrZero: null, psnrConstant: null })],
      'psnr',
    );
    expect([c!.seeds, c!.finite, c!.mean, c!.std]).toEqual([2, 1, 30, null]);
    expect(cellMarks(c!)).toBe('*');
  });
  test('two finite runs: their sample std; a mean within 0.5 dB of the zero predictor is marked †', () => {
    const [c] = aggregate([fake({ seed: 0, psnr: 10.2 }), fake({ seed: 1, psnr: 10.4 })], 'psnr');
    expect(c!.finite).toBe(2);
    expect(c!.std).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(c!.zeroPsnr).toBe(10);
    expect(cellMarks(c!)).toBe('†');
    expect(cellMarks({ ...c!, mean: 11 })).toBe('');
  });
  test('the sample std needs two values', () => {
    expect([sampleStd([]), sampleStd([3]), sampleStd([1, 3])]).toEqual([null, null, Math.SQRT2]);
  });
});

describe('code version', () => {
  test('derived from the result-determining sources: an edit there changes it; tests, the CLI and reports do not', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'srl-version-')), 'src');
    cpSync('src', root, { recursive: true });
    const v0 = sourceVersion(root);
    expect(v0).toBe(sourceVersion('src'));
    expect(v0).toMatch(/^srl-[0-9a-f]{12}$/);
    const touch = (file: string) => writeFileSync(join(root, file), readFileSync(join(root, file), 'utf8') + '\n// edited\n');
    touch('cli/cell-command.ts');
    touch('report/heatmap.ts');
    touch('iht/step-scalar.test.ts');
    expect(sourceVersion(root)).toBe(v0);
    touch('iht/step-scalar.ts');
    expect(sourceVersion(root)).not.toBe(v0);
  });
});
