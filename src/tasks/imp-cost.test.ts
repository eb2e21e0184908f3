// The cost model prices IMP from the path it predicts (surviving counts, kernel per round) without running
// it; here the prediction is held against real runs: same rounds, same counts, same kernels.
import { beforeAll, describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { defaults } from '../config/fields.js';
import { initBackend } from '../imp/backend.js';
import { runImp } from '../imp/imp.js';
import { plant } from '../network/plant.js';
import { impCostTerms, impTrainingCounts } from './imp-cost.js';

const cellOf = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), task: 'planted', method: 'imp', ...over });

describe('IMP cost terms', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  test.each([
    [0.1, 3, 'auto'],
    [0.2, 1, 'auto'],
    [0.1, 10, 'dense'],
    [0.3, 2, 'sparse'],
  ] as const)('fraction %s, s = %i, kernel %s: the predicted path is the one runImp takes', (fraction, s, kernel) => {
    const inst = plant({ d: 6, m: 5, k: 1, layers: 2, s: 8, n: 60, seed: 2 });
    const N = 6 * 5 + 5 * 5 + 5;
    const trained: number[] = [];
    const res = runImp(
      inst.x,
      inst.y,
      [s],
      {
        d: 6,
        m: 5,
        layers: 2,
        k: 1,
        epochsPerRound: 1,
        batch: 0,
        seed: 2,
        streams: 'named',
        loaders: { trainShuffles: false, evalShuffles: false },
        loss: 'mse',
        fraction,
        mode: 'iterative',
        ranking: 'reference',
        kernel,
        trace: (e) => e.kind === 'trained' && trained.push(e.masks.reduce((a, m) => a + m.reduce((x, y) => x + y, 0), 0)),
      },
      () => ({ metric: 0, details: {} }),
    );
    const counts = impTrainingCounts(N, s, fraction);
    // every training run's count, then the count that reached s (what the fair protocol retrains)
    expect(counts.slice(0, -1)).toEqual(trained);
    expect(counts[counts.length - 1]).toBe(res.rounds[res.rounds.length - 1]!.nnz);
    const terms = impCostTerms(cellOf({ m: 5, layers: 2, s, pruneFraction: fraction, impKernel: kernel, epochs: 1, batch: 0 }), { n: 60, d: 6, k: 1 });
    const denseRuns = (terms['imp.dense'] ?? 0) / (60 * N);
    expect(denseRuns).toBe(res.training.filter((t) => t.kernel === 'dense').length);
    expect(terms['imp.steps']).toBe(res.training.length);
  });

  test('the fair protocol adds one training run at the count that reached s; one-shot trains once, dense', () => {
    const base = cellOf({ m: 10, s: 20, epochs: 2, batch: 0 });
    const shape = { n: 100, d: 100, k: 1 };
    const ref = impCostTerms(base, shape);
    const fair = impCostTerms({ ...base, impProtocol: 'fair' }, shape);
    expect(fair['imp.steps']).toBe(ref['imp.steps']! + 2);
    const oneShot = impCostTerms({ ...base, impMode: 'one-shot' }, shape);
    expect(oneShot).toMatchObject({ 'imp.dense': 2 * 100 * 1010, 'imp.sparse': 0, 'imp.steps': 2 });
  });
});
