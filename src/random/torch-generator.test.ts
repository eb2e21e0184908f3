// Known answers of PyTorch's CPU generator (torch 1.13.1, test/fixtures/reference): torch.rand in float32
// and float64, nn.Linear's default init for the IMP models baselines.py builds, and a shuffling
// DataLoader's row orders (the INR traces record the reference's training and evaluation orders).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { impDraws } from '../imp/draws.js';
import { mlpShapes } from '../imp/mlp.js';
import { linearInit, TorchGenerator, TorchLoaderOrders } from './torch-generator.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/reference/${name}`, import.meta.url), 'utf8'));
const T = fixture('torch-linear-init.json');
const f32 = (a: string[]) => a.map((x) => Math.fround(Number(x)));

describe('torch CPU generator', () => {
  test('torch.manual_seed(0); rand float32 ×5, then float64 ×3', () => {
    const g = new TorchGenerator(0);
    expect(Array.from({ length: 5 }, () => g.randFloat32())).toEqual(f32(T.raw.float32));
    expect(Array.from({ length: 3 }, () => g.randFloat64())).toEqual(T.raw.float64.map(Number));
  });

  test.each<any>(T.cases)('$call', (c) => {
    const g = new TorchGenerator(c.seed);
    const shapes = mlpShapes(c.d, c.m, c.layers, c.outDim);
    shapes.forEach(([fanIn, fanOut], l) => {
      const w = Array.from(linearInit(g, fanIn, fanOut)); // PyTorch's [out, in] layout
      const want = c.weights[l];
      expect([fanOut, fanIn]).toEqual(want.shape);
      if (want.all) expect(w).toEqual(f32(want.all));
      expect(w.slice(0, want.first8.length)).toEqual(f32(want.first8));
      expect(w.slice(-3)).toEqual(f32(want.last3));
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(Number(want.sum_float64), 9);
    });
    // IMP's θ₀ is the same numbers in our [in, out] layout
    const theta0 = impDraws('reference', c.seed, { trainShuffles: false, evalShuffles: false }).theta0(shapes);
    const [fanIn, fanOut] = shapes[0]!;
    const first = f32(c.weights[0].first8);
    first.forEach((v, k) => expect(theta0[0]![(k % fanIn) * fanOut + Math.floor(k / fanIn)]).toBe(v));
  });

  test('the product rounded to float32 before adding the lower bound misses the known answers', () => {
    const c = T.cases[0];
    const g = new TorchGenerator(c.seed);
    const bound = Math.sqrt(3) * (Math.sqrt(2 / (1 + Math.sqrt(5) ** 2)) / Math.sqrt(c.d));
    const lo = Math.fround(-bound);
    const twice = Array.from({ length: 60 }, () => Math.fround(Math.fround(g.randFloat32() * Math.fround(Math.fround(bound) - lo)) + lo));
    expect(twice).not.toEqual(f32(c.weights[0].all));
  });

  test('DataLoader(shuffle=True) after torch.manual_seed(seed): the INR traces’ training and evaluation orders', () => {
    for (const name of ['inr-mnist-L1-m2-s20-e100-seed0.json', 'inr-mnist-L1-m20-s100-e100-seed1.json']) {
      const tr = fixture(`reference-traces/${name}`);
      const orders = new TorchLoaderOrders(tr.cell.seed, 784, true);
      expect(Array.from(orders.next())).toEqual(tr.inr_data.train_batch_pixel_order);
      expect(Array.from(orders.next())).toEqual(tr.inr_data.eval_batch_pixel_order);
      // at(k) replays from the seed
      expect(Array.from(orders.at(0))).toEqual(tr.inr_data.train_batch_pixel_order);
    }
  });

  test('iterator seeds are int64 draws from the global generator (two words each)', () => {
    const tr = fixture('reference-traces/inr-mnist-L1-m2-s20-e100-seed0.json');
    const seeds = tr.inr_data.batch_order_reproduction
      .join(' ')
      .match(/\d{12,}/g)!
      .map(BigInt);
    const g = new TorchGenerator(0);
    expect(Array.from({ length: 4 }, () => g.randomInt64())).toEqual(seeds);
  });
});
