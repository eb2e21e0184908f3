// IMP's masked-sparse kernels against the dense ones: same masks round by round, scores within a float32
// tolerance, over random small MLPs; and the check rejects a sparse trainer that loses one live weight.
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { initBackend } from '../src/imp/backend.js';
import { impNetCase } from './arbitraries/imp-net-case.js';
import { checkSparseMatchesDense } from './imp-kernels.suite.js';
import { property, rejects } from './harness.js';

const FILE = 'properties/imp-kernels.prop.test.ts';

const FIXED_CASE = { seed: 7, d: 5, m: 6, layers: 2, k: 2, loss: 'mse', n: 40, batch: 20, epochs: 2, fraction: 0.2, targetPercent: 10 } as const;

describe('IMP kernels: masked-sparse against dense', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  test('the fixed case holds with the real kernels (what the broken variant below fails on)', () => {
    expect(() => checkSparseMatchesDense(FIXED_CASE)).not.toThrow();
  });

  property('dense and sparse IMP prune the same weights every round and score within 1e-3', impNetCase(), checkSparseMatchesDense, { numRuns: 40, file: FILE });

  test('rejects a broken variant: a sparse trainer that drops one live weight', async () => {
    vi.resetModules();
    vi.doMock('../src/imp/sparse-mlp.js', async (original) => {
      const real = await original<typeof import('../src/imp/sparse-mlp.js')>();
      class DropsOne extends real.SparseMlp {
        override load(values: readonly Float32Array[], masks: readonly Uint8Array[]): void {
          const kept = masks.map((m) => m.slice());
          const l = kept.findIndex((m) => m.includes(1));
          if (l >= 0) kept[l]![kept[l]!.indexOf(1)] = 0; // the first live weight is never stored
          super.load(values, kept);
        }
      }
      return { ...real, SparseMlp: DropsOne };
    });
    try {
      const broken = await import('./imp-kernels.suite.js');
      expect(() => broken.checkSparseMatchesDense(FIXED_CASE)).toThrow(/not by sparse|sparse scores|different numbers of rounds/);
      expect(rejects(impNetCase(), broken.checkSparseMatchesDense, 20)).toBe(true);
    } finally {
      vi.doUnmock('../src/imp/sparse-mlp.js');
      vi.resetModules();
    }
  });
});
