// IMP beside the authors' code, round by round: test/fixtures/reference/reference-traces-more/imp-*-rounds.json
// records, for each pruning round of baselines.py, the mask after the prune and what PyTorch ranked (`stale`:
// from round 2 on, the weights one Adam step before the round's end). Our masks must equal the reference's at
// every round and the final PSNR its printed value within one float32 ulp of its log10 peak term, whichever kernel
// trains the rounds (dense TF.js, masked-sparse WebAssembly, or the density-chosen mix).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import type { ImpEvent } from '../src/imp/imp.js';
import { runCell } from '../src/run/run-cell.js';
import { prepareCell } from '../src/tasks/registry.js';
import type { TaskHooks } from '../src/tasks/outcome.js';

const DIR = new URL('./fixtures/reference/reference-traces-more/', import.meta.url);

interface RefRound {
  mask: number[];
  stale: number[];
  fresh: number[];
}

/** One float32 ulp of 20·log10(peak) near the fixtures' peaks, in dB (NumPy's SIMD log10 differs by that). */
const PSNR_TOL_DB = 4e-6;

const cellOf = (seed: number, impKernel: CellConfig['impKernel'] = 'auto'): CellConfig => ({
  ...defaults(CELL_FIELDS),
  task: 'planted',
  method: 'imp',
  m: 5,
  s: 20,
  d: 20,
  n: 2000,
  layers: 1,
  outDim: 3,
  epochs: 15,
  batch: 0,
  seed,
  impKernel,
});

/** Our masks, layer after layer ([in, out] row-major, which is how the recording flattened them: its weights
 *  equal ours position by position). */
const flat = (masks: Uint8Array[]): number[] => masks.flatMap((m) => Array.from(m));

function printedPsnr(seed: number): number {
  const log = readFileSync(new URL(`ref-imp-k3-m5-s20-seed${seed}.log`, DIR), 'utf8');
  const lines = [...log.matchAll(/test performance (\S+)/g)];
  return Number(lines[lines.length - 1]![1]);
}

/** Our masks after each round's prune, and the final record. */
function runOurs(cfg: CellConfig, hooks: Omit<TaskHooks, 'progress'>) {
  const pruned: number[][] = [];
  const record = runCell(cfg, undefined, { ...hooks, onImpEvent: (e: ImpEvent) => e.kind === 'pruned' && pruned.push(flat(e.masks)) });
  return { record, pruned };
}

describe('IMP rounds beside the reference', () => {
  let hooks: Omit<TaskHooks, 'progress'>;
  beforeAll(async () => {
    hooks = await prepareCell(cellOf(0));
  });

  const KERNELS = ['auto', 'dense', 'sparse'] as const;
  test.each(KERNELS.flatMap((k) => [0, 1].map((seed) => [seed, k] as const)))(
    'seed %i, --imp-kernel %s: the mask after every round and the final PSNR',
    (seed, kernel) => {
      const ref = JSON.parse(readFileSync(new URL(`imp-k3-m5-s20-seed${seed}-rounds.json`, DIR), 'utf8')) as RefRound[];
      const { record, pruned } = runOurs(cellOf(seed, kernel), hooks);
      expect(record.kernelEngine).toEqual(
        kernel === 'dense'
          ? 'tfjs dense ×17'
          : kernel === 'sparse'
            ? 'sparse wasm-simd ×17'
            : expect.stringMatching(/^tfjs dense ×\d+, sparse wasm-simd ×\d+$/),
      );
      expect(pruned).toHaveLength(ref.length);
      ref.forEach((r, i) => expect(pruned[i], `seed ${seed}: mask after round ${i + 1}`).toEqual(r.mask));
      expect(Math.abs(record.psnr! - printedPsnr(seed)), `seed ${seed}: PSNR ours ${record.psnr}, reference ${printedPsnr(seed)}`).toBeLessThanOrEqual(
        PSNR_TOL_DB,
      );
    },
  );

  test('ranking the weights after the last step instead (as before) prunes other weights where the reference says so, and seed 1 ends 8.5e-3 dB off', async () => {
    const ref = JSON.parse(readFileSync(new URL('imp-k3-m5-s20-seed1-rounds.json', DIR), 'utf8')) as Array<RefRound & { fresh_rank_would_kill_same: boolean }>;
    // the same code with a pruner that ignores what it is told to rank
    vi.resetModules();
    vi.doMock('../src/imp/prune.js', async (original) => {
      const real = await original<typeof import('../src/imp/prune.js')>();
      return { ...real, globalMagnitudePrune: (w: Float32Array[], m: Uint8Array[], count: number) => real.globalMagnitudePrune(w, m, count) };
    });
    try {
      const fresh = await import('../src/run/run-cell.js');
      const pruned: number[][] = [];
      const record = fresh.runCell(cellOf(1), undefined, { ...hooks, onImpEvent: (e: ImpEvent) => e.kind === 'pruned' && pruned.push(flat(e.masks)) });
      const first = ref.findIndex((r) => !r.fresh_rank_would_kill_same);
      expect(first).toBeGreaterThan(0);
      expect(pruned.slice(0, first)).toEqual(ref.slice(0, first).map((r) => r.mask));
      expect(pruned[first]).not.toEqual(ref[first]!.mask);
      expect(Math.abs(record.psnr! - printedPsnr(1))).toBeGreaterThan(1e-3);
    } finally {
      vi.doUnmock('../src/imp/prune.js');
      vi.resetModules();
    }
  });
});
