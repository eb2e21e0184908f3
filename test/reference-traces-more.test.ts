// Parity beyond the scalar path: each cell of test/fixtures/reference/reference-traces-more (the authors' code
// with vector output and its count sketch, mini-batches, two layers) is run with our code, and after every
// AIHT step the support must equal the reference's and the values agree within VALUES_TOL; the final PSNR
// must agree with the reference's printed value, and the cells the reference printed `nan` for must diverge.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { relativeDistance } from './support/float.js';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { runCell } from '../src/run/run-cell.js';

const DIR = new URL('./fixtures/reference/reference-traces-more/', import.meta.url);
const cells = readdirSync(DIR)
  .filter((f) => /^rec-.*\.json$/.test(f))
  .map((f) => f.slice(4, -5))
  .sort();

/** relative ℓ2 distance of the values after each step (measured ≤ 3e-7; most ≤ 1e-15) */
const VALUES_TOL = 1e-6;
/** final PSNR: one float32 ulp of the peak term (NumPy's SIMD log10) is ≤ 2.4e-6 dB */
const PSNR_TOL_DB = 1e-5;

/** Our cell for a fixture name (the table of the fixtures' README). */
export function cellOf(tag: string): CellConfig {
  const base = { ...defaults(CELL_FIELDS), task: 'planted', method: 'iht', d: 20, n: 2000 } as CellConfig;
  let g = /^v-k(\d+)-m(\d+)-s(\d+)-seed(\d+)$/.exec(tag);
  if (g) return { ...base, outDim: +g[1]!, layers: 1, m: +g[2]!, s: +g[3]!, epochs: 15, batch: 0, seed: +g[4]! };
  g = /^mb-m(\d+)-s(\d+)-b(\d+)-e(\d+)-seed(\d+)$/.exec(tag);
  if (g) return { ...base, m: +g[1]!, s: +g[2]!, batch: +g[3]!, epochs: +g[4]!, seed: +g[5]! };
  g = /^L2-m(\d+)-s(\d+)-e(\d+)-seed(\d+)$/.exec(tag);
  if (g) return { ...base, layers: 2, m: +g[1]!, s: +g[2]!, epochs: +g[3]!, batch: 0, seed: +g[4]! };
  throw new Error(`no cell for fixture ${tag}`);
}

/** The reference's printed PSNR: a number, `nan` (diverged), or null when it skipped the cell. */
function printedPsnr(tag: string): number | null {
  // a two-layer run prints one line per layer; the last is the network's
  const lines = [...readFileSync(new URL(`ref-${tag}.log`, DIR), 'utf8').matchAll(/psnr is (\S+) with/g)];
  return lines.length ? Number(lines[lines.length - 1]![1]) : null;
}

describe('more reference traces: vector output, mini-batch, two layers', () => {
  test.each(cells)('%s', (tag) => {
    const tr = JSON.parse(readFileSync(new URL(`rec-${tag}.json`, DIR), 'utf8')) as { steps: Array<{ indices: number[]; values: string[] }> };
    const cfg = cellOf(tag);
    const seen: Array<{ support: number[]; values: Float64Array }> = [];
    const record = runCell(cfg, undefined, { onIterate: ({ w }) => seen.push({ support: Array.from(w.indices()), values: Float64Array.from(w.values()) }) });
    const psnr = printedPsnr(tag);
    if (psnr === null) {
      expect(record.skipped, `${tag}: the reference skipped it`).toBe(true);
      return;
    }
    const diverged = Number.isNaN(psnr);
    // the reference goes on through ±inf and NaN; ours stops at the first non-finite value of the iterate
    const firstNonFinite = tr.steps.findIndex((st) => !st.values.every((v) => Number.isFinite(Number(v))));
    expect(firstNonFinite >= 0, `${tag}: the reference's iterate became non-finite`).toBe(diverged);
    expect(seen).toHaveLength(diverged ? firstNonFinite : tr.steps.length);
    seen.forEach((o, t) => {
      expect(o.support, `${tag}: step ${t}: support`).toEqual(tr.steps[t]!.indices);
      expect(relativeDistance(o.values, tr.steps[t]!.values), `${tag}: step ${t}: values`).toBeLessThanOrEqual(VALUES_TOL);
    });
    expect(record.diverged, `${tag}: diverged`).toBe(diverged);
    if (diverged) {
      // the float32 sketch overflows first; from then on its NaN ranking decides the support, as NumPy's argsort does
      expect(record.divergedWhy).toBe('sketch overflow');
      expect(record.divergedAtStep).toBeLessThan(firstNonFinite);
      expect(record.psnr).toBeNull();
    } else {
      expect(record.divergedAtStep).toBeNull();
      expect(Math.abs(record.psnr! - psnr), `${tag}: PSNR ours ${record.psnr}, reference ${psnr}`).toBeLessThanOrEqual(PSNR_TOL_DB);
    }
  });
});
