// Arbitrary: a small IMP run to train on two kernels — an MLP of 1–3 hidden layers (widths, inputs and
// outputs from small integers), a loss, data drawn from an integer seed, a batch size (0 = full batch),
// epochs per round, the pruning fraction and a target count s (so the path passes through every density
// down to s/N). The seed does not shrink; failures shrink towards smaller networks and shorter runs.
import fc from 'fast-check';
import type { Loss } from '../../src/imp/mlp.js';

export interface ImpNetCaseConstraints {
  maxD?: number;
  maxM?: number;
  maxLayers?: number;
  maxK?: number;
  maxN?: number;
  maxEpochs?: number;
}

export interface ImpNetCase {
  seed: number;
  d: number;
  m: number;
  layers: number;
  k: number;
  loss: Loss;
  n: number;
  /** rows per batch; 0 = full batch */
  batch: number;
  epochs: number;
  /** pruned per round: 0.1, 0.2 or 0.3 of the survivors */
  fraction: number;
  /** target weight count as a fraction of the network's weights, in percent (1–60) */
  targetPercent: number;
}

export function impNetCase(c: ImpNetCaseConstraints = {}): fc.Arbitrary<ImpNetCase> {
  return fc
    .record({
      seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
      d: fc.integer({ min: 1, max: c.maxD ?? 8 }),
      m: fc.integer({ min: 1, max: c.maxM ?? 10 }),
      layers: fc.integer({ min: 1, max: c.maxLayers ?? 3 }),
      k: fc.integer({ min: 1, max: c.maxK ?? 4 }),
      loss: fc.constantFrom<Loss>('mse', 'cross-entropy'),
      n: fc.integer({ min: 4, max: c.maxN ?? 120 }),
      batchParts: fc.integer({ min: 1, max: 4 }),
      epochs: fc.integer({ min: 1, max: c.maxEpochs ?? 4 }),
      fraction: fc.constantFrom(0.1, 0.2, 0.3),
      targetPercent: fc.integer({ min: 1, max: 60 }),
    })
    .map(({ batchParts, ...r }) => ({
      ...r,
      k: r.loss === 'cross-entropy' ? Math.max(2, r.k) : r.k,
      batch: batchParts === 1 ? 0 : Math.ceil(r.n / batchParts),
    }));
}
