// Cell-for-cell parity with the authors' code (voilalab/MLP-IHT, run on CPU with NumPy for CuPy): the 29
// traces of test/fixtures/reference/reference-traces record, after every AIHT step, the support and values
// of the iterate, and the final PSNR (or the Gaussian task's relative ℓ2 error). With the reference streams
// our cells draw the same planted weights, data, generators and Fourier features, so each must reproduce
// the support after every step exactly; values and the final fit agree up to floating-point summation order
// (OpenBLAS against our loops) and NumPy's float32 log10 in the PSNR's peak term.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { relativeDistance } from './support/float.js';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { LiftedOperator } from '../src/lifted/operator.js';
import type { Matrix } from '../src/linalg/matrix.js';
import { applyLayer, blocksOf } from '../src/network/sparse-mlp.js';
import { runCell } from '../src/run/run-cell.js';
import type { SparseVector } from '../src/sparse/sparse-vector.js';
import { plantedInstance } from '../src/tasks/planted-task.js';

const DIR = new URL('./fixtures/reference/reference-traces/', import.meta.url);
const traces = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** final PSNR within this many dB of the reference's printed value */
const PSNR_TOL_DB = 1e-4;
/** relative ℓ2 distance of the values after each step (measured ≤ 1.2e-9 in every well-posed layer) */
const VALUES_TOL = 1e-8;
/**
 * A layer with two live hidden units sharing one gate pattern has duplicate columns: its least-squares
 * problem is rank-deficient, and the iterate drifts along the flat direction by what rounding pushes it
 * (measured: values up to 7e-5 apart; the final fits still within 8.3e-5 dB). There the supports must
 * still agree at every step, and the values within this tolerance.
 */
const VALUES_TOL_RANK_DEFICIENT = 1e-3;

interface Step {
  support: number[];
  values: string[];
}
interface Iterate {
  support: number[];
  values: number[];
  w: SparseVector;
}

/** Whether two live blocks of w share a gate pattern on the layer's inputs x. */
function sharesGatePattern(x: Matrix, w: SparseVector, m: number): boolean {
  const A = new LiftedOperator(x, m, 0, { kernel: 'streaming-ts' });
  A.setGenerators(w);
  const seen = new Set<string>();
  for (let j = 0; j < m; j++) {
    if (A.isZeroBlock(j)) continue;
    const key = Array.from(A.gateWords(j)).join(',');
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

describe('reference traces: support after every step, values and final fit', () => {
  test.each(traces)('%s', (file) => {
    const tr = JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
    const cfg: CellConfig = { ...defaults(CELL_FIELDS), ...tr.cell, innerSteps: tr.cell.innerSteps ?? 10 };
    expect(cfg.streams).toBe('reference'); // the default
    const seen: Iterate[][] = [];
    const record = runCell(cfg, undefined, {
      onIterate: ({ layer, w }) => (seen[layer] ??= []).push({ support: Array.from(w.indices()), values: Array.from(w.values()), w: w.copy() }),
    });
    const layers: Array<{ steps: Step[] }> = tr.layers ?? [{ steps: tr.steps }];
    expect(seen).toHaveLength(layers.length);
    let inputs: Matrix | null = cfg.task === 'planted' ? plantedInstance(cfg).x : null;
    layers.forEach((layer, l) => {
      const ours = seen[l]!;
      expect(ours).toHaveLength(layer.steps.length);
      const last = ours[ours.length - 1]!.w;
      const degenerate = inputs !== null && sharesGatePattern(inputs, last, cfg.m);
      layer.steps.forEach((st, t) => {
        const o = ours[t]!;
        expect(o.support, `${file}: layer ${l}, first step whose support differs: ${t}; ours [${o.support}], reference [${st.support}]`).toEqual(st.support);
        expect(relativeDistance(o.values, st.values), `${file}: layer ${l}, step ${t}: values`).toBeLessThanOrEqual(
          degenerate ? VALUES_TOL_RANK_DEFICIENT : VALUES_TOL,
        );
      });
      if (inputs && l < layers.length - 1) inputs = applyLayer(inputs, { inDim: inputs.cols, units: blocksOf(last, inputs.cols, cfg.m) }, true);
    });
    if (tr.final.psnr_printed !== undefined) {
      expect(
        Math.abs(record.psnr! - Number(tr.final.psnr_printed)),
        `${file}: final PSNR ours ${record.psnr}, reference ${tr.final.psnr_printed}`,
      ).toBeLessThanOrEqual(PSNR_TOL_DB);
    } else {
      const ref = Number(tr.final.l2_error_printed);
      expect(Math.abs(record.relErr! - ref)).toBeLessThanOrEqual(1e-6 * ref);
    }
    expect(record.nnz).toBe(tr.final.nnz_total ?? tr.final.nnz);
  });

  test('a cell that breaks ties by the smaller index, as before, loses the support of the L = 2 seed-1 trace at step 4', async () => {
    const { SparseVector } = await import('../src/sparse/sparse-vector.js');
    const tr = JSON.parse(readFileSync(new URL('planted-L2-d20-n2000-m3-s8-e15-seed1.json', DIR), 'utf8'));
    const cfg: CellConfig = { ...defaults(CELL_FIELDS), ...tr.cell };
    const original = SparseVector.prototype.writeBlock;
    const supports: number[][] = [];
    try {
      // the same vector with the index tie rule
      SparseVector.prototype.writeBlock = function (this: InstanceType<typeof SparseVector>, start, values, deltas) {
        (this as unknown as { ties: string }).ties = 'index';
        return original.call(this, start, values, deltas);
      };
      runCell(cfg, undefined, {
        onIterate: ({ layer, w }) => {
          if (layer === 0) supports.push(Array.from(w.indices()));
        },
      });
    } finally {
      SparseVector.prototype.writeBlock = original;
    }
    expect(supports[3]).toEqual(tr.layers[0].steps[3].support);
    expect(supports[4]).not.toEqual(tr.layers[0].steps[4].support);
  });
});
