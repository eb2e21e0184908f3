// Every quantity the reference draws with NumPy, drawn by our 'reference' streams at its own call sites
// and checked against the authors' code run on CPU (test/fixtures/reference): planted weights, X and
// labels; the generators h_j with their per-run offset; the Gaussian task's support and columns; the
// Fourier matrices B; and the INR-MNIST image, features and labels in the reference's training row order.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { fourierFeatures, fourierMatrix, mnistCoords } from '../src/data/fourier.js';
import { GaussianSensing } from '../src/lifted/gaussian-sensing.js';
import { ReferenceGenerators } from '../src/lifted/generators.js';
import { rowsOf } from '../src/linalg/matrix.js';
import { plant, plantedMatrixDraws } from '../src/network/plant.js';
import { NumpyRandomState } from '../src/random/numpy-legacy.js';
import { TorchLoaderOrders } from '../src/random/torch-generator.js';
import { gaussianInstance } from '../src/tasks/gaussian-recovery.js';
import { inrMnistImage } from '../src/tasks/inr.js';
import { fsum, sequentialSum, ulpDistance } from './support/float.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/reference/${name}`, import.meta.url), 'utf8'));
const F = fixture('numpy-legacy-streams.json');
const f32 = (x: string) => Math.fround(Number(x));
const MAX_GAUSSIAN_ULPS = 4;
const near = (got: ArrayLike<number>, want: string[]) => want.forEach((w, i) => expect(ulpDistance(got[i]!, Number(w))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS));

describe('planted weights, X and labels (get_planted_model_data)', () => {
  test.each<any>(F.planted)('$call', (c) => {
    const a = c.args;
    const shape = { d: a.input_dim, m: a.m, k: a.output_dim, layers: a.num_layers, s: a.s, n: a.n, seed: a.seed, streams: 'reference' as const };
    const draws = plantedMatrixDraws(shape);
    expect(draws).toHaveLength(c.nlayers_drawn);
    draws.forEach((dr, l) => {
      const want = c.weights[l];
      expect([dr.rows, dr.cols]).toEqual(want.shape);
      expect(Array.from(dr.positions)).toEqual(want.flat_idx_draw_order);
      expect(Array.from(dr.values)).toEqual(want.values_draw_order_f32.map(f32));
    });
    const inst = plant(shape);
    inst.net.layers.forEach((layer, l) => {
      const nz: Array<[number, number, number]> = [];
      layer.units.forEach((u, col) => u.idx.forEach((row, t) => nz.push([row, col, u.val[t]!])));
      nz.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      expect(nz).toEqual(c.weights[l].nonzeros_row_col_value.map(([r, col, v]: [number, number, string]) => [r, col, f32(v)]));
    });
    const x = inst.x.data;
    const d = a.input_dim;
    expect(Array.from(x.subarray(0, 3 * d))).toEqual(c.X_first3_rows_f32.flat().map(f32));
    expect(Array.from(x.subarray(x.length - d))).toEqual(c.X_last_row_f32.map(f32));
    expect(fsum(x)).toBe(Number(c.X_sum_fsum));
    expect(sequentialSum(x)).toBe(Number(c.X_sum_sequential_rowmajor));
    // X = normal((n, d)).astype(float32) consumes this many words of the seed + 2 stream
    const rs = new NumpyRandomState(a.seed + 2);
    rs.fillNormal(new Float32Array(a.n * d));
    expect(rs.words).toBe(c.X_words);
    // labels: float64 forward pass (ours sums in another order than OpenBLAS), then one float32 rounding
    const y = inst.y;
    expect(Array.from(y.subarray(0, 5))).toEqual(c.y_first5_f32.map(f32));
    expect(inst.maxLabel).toBe(f32(c.y_max_abs_f32));
    expect(y.filter((v) => v === 0).length).toBe(c.y_zero_count);
    expect(Math.abs(fsum(y) - Number(c.y_sum_fsum))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(c.y_sum_fsum))));
  });
});

describe('NNFlyMatrix generators h_j', () => {
  test.each<any>(F.nnfly_generators)('m = $m, d = $d, seed $seed', (c) => {
    const g = new ReferenceGenerators(c.seed, c.d, c.m);
    expect(g.offset).toBe(c.seedoffset_used);
    expect(new NumpyRandomState(c.seed).randint(0, c.cols)).toBe(c.offset_drawn);
    const h = new Float64Array(c.d);
    for (const b of c.blocks) {
      expect(b.np_seed).toBe(b.block + g.offset);
      const view = g.view(b.block, h);
      if (view.kind !== 'dense') throw new Error('random generators are dense');
      near(view.h, b.h);
    }
  });
});

describe('gaussian_sparse: support and sensing columns', () => {
  test.each<any>(F.gaussian_sensing)('N = $N, M = $M, seed $seed', (c) => {
    expect(Array.from(new NumpyRandomState(c.seed).choice(c.N, 10))).toEqual(c.support_draw_order);
    const cfg = { ...defaults(CELL_FIELDS), task: 'gaussian' as const, m: c.N, n: c.M, s: 10, seed: c.seed, streams: 'reference' as const };
    const { A, wStar } = gaussianInstance(cfg);
    expect(Array.from(wStar.indices())).toEqual([...c.support_draw_order].sort((p: number, q: number) => p - q));
    expect(A.offset).toBe(c.seedoffset);
    const col0 = Array.from(new GaussianSensing(c.M, c.N, c.seed, 'reference').columnOf(0));
    near(col0, c.column0_first5);
    expect(Math.abs(fsum(col0) - Number(c.column0_sum_fsum))).toBeLessThanOrEqual(1e-12);
    near(A.columnOf(c.N - 1), c.column_last_first5);
  });
});

describe('Fourier matrices B', () => {
  test.each<any>(F.fourier_features)('$loader, seed $seed', (c) => {
    const cifar = c.dtype === 'float32';
    const B = fourierMatrix(c.seed, cifar ? [5, 5, 0.05] : [2, 2], { streams: 'reference', float32: cifar });
    const dims = cifar ? 3 : 2;
    const rows = [...(cifar ? c.first3_rows_f32 : c.first3_rows).flat(), ...(cifar ? c.last_row_f32 : c.last_row)];
    const got = [...B.subarray(0, 3 * dims), ...B.subarray(B.length - dims)];
    if (cifar) {
      // float32 after the cast: exact
      expect(got).toEqual(rows.map(f32));
      expect(fsum(B)).toBe(Number(c.sum_fsum));
    } else {
      near(got, rows);
      expect(Math.abs(fsum(B) - Number(c.sum_fsum))).toBeLessThanOrEqual(1e-11);
    }
  });
});

describe('INR-MNIST: image, features and labels in the reference training order', () => {
  test.each(['inr-mnist-L1-m2-s20-e100-seed0.json', 'inr-mnist-L1-m20-s100-e100-seed1.json'])('%s', (name) => {
    const inr = fixture(`reference-traces/${name}`).inr_data;
    const seed = name.endsWith('seed0.json') ? 0 : 1;
    const image = inrMnistImage();
    expect(Array.from(image, (v) => Math.round(v * 255))).toEqual(inr.image.pixels_uint8_rowmajor);
    const order = new TorchLoaderOrders(seed, 784, true).next();
    const B = fourierMatrix(seed, [2, 2], { streams: 'reference', float32: false });
    const x = rowsOf(fourierFeatures(mnistCoords(), 2, B), order);
    // bit for bit: 2π·p first, then the fused dot product OpenBLAS computes
    expect(
      createHash('sha256')
        .update(Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength))
        .digest('hex'),
    ).toBe(inr.X_sha256_f32le_rowmajor);
    expect(fsum(x.data)).toBe(Number(inr.X_sum_fsum));
    const y = Float64Array.from(order, (p) => image[p]!);
    expect(createHash('sha256').update(Buffer.from(y.buffer)).digest('hex')).toBe(inr.y_sha256_f64le);
  });
  test('the unfused dot product (our previous arithmetic) gives other features', () => {
    const inr = fixture('reference-traces/inr-mnist-L1-m2-s20-e100-seed0.json').inr_data;
    const order = new TorchLoaderOrders(0, 784, true).next();
    const B = fourierMatrix(0, [2, 2], { streams: 'reference', float32: false });
    const x = new Float32Array(784 * 1500);
    order.forEach((p, r) => {
      for (let k = 0; k < 750; k++) {
        const t = 2 * Math.PI * (B[2 * k]! * Math.floor(p / 28) + B[2 * k + 1]! * (p % 28));
        x[r * 1500 + k] = Math.sin(t);
        x[r * 1500 + 750 + k] = Math.cos(t);
      }
    });
    expect(createHash('sha256').update(Buffer.from(x.buffer)).digest('hex')).not.toBe(inr.X_sha256_f32le_rowmajor);
  });
});
