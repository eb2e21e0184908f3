// Rough cost model of a cell, for --estimate and for scheduling sweeps longest first (order of
// magnitude, measured rates of this machine class: IHT with the WebAssembly kernels ~4 GFLOP/s per
// core on this model's flop count — Table 1 cell 24 s predicted, 21 s measured; TF.js wasm
// ~10 GFLOP/s for IMP's dense products).
import type { CellConfig } from '../config/cell-config.js';
import { expectedRounds } from '../imp/prune.js';

const DATA: Record<CellConfig['task'], { n: number; d: number; k: number } | null> = {
  planted: null,
  gaussian: null,
  'binary-mnist': { n: 10000, d: 784, k: 1 },
  mnist: { n: 50000, d: 784, k: 10 },
  'inr-mnist': { n: 784, d: 1500, k: 1 },
  'inr-image': { n: 3072, d: 1500, k: 1 },
};

export function cellSeconds(c: CellConfig): number {
  const shape = DATA[c.task] ?? { n: c.n, d: c.d, k: c.outDim };
  const { n, d, k } = shape;
  if (c.method === 'imp') {
    const N = d * c.m + c.m * c.m * (c.layers - 1) + c.m * k;
    const rounds = expectedRounds(N, c.s, c.pruneFraction);
    return (rounds * c.epochs * 6 * n * N) / 10e9 + rounds * 0.05;
  }
  const batches = c.batch > 0 ? Math.ceil(n / c.batch) : 1;
  const steps = c.epochs * batches * c.layers;
  const perStep = 4 * (n / batches) * d * c.m * (k > 1 ? 2 : 1) + (k > 1 ? 0 : 30 * (n / batches) * Math.min(c.s, d * c.m));
  return (steps * perStep) / 4e9;
}
