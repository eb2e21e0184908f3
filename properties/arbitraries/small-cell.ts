// Arbitrary: a small, fast experiment cell (a partial cell config) built from integer sizes and a seed
// that does not shrink; failures shrink towards fewer units, smaller supports and fewer rows.
import fc from 'fast-check';
import type { CellConfig } from '../../src/config/cell-config.js';

export interface SmallCellConstraints {
  tasks?: ReadonlyArray<'planted' | 'gaussian'>;
  maxD?: number;
  maxM?: number;
  maxS?: number;
  maxN?: number;
  maxEpochs?: number;
  /** mini-batch sizes to draw from (0 = full batch) */
  batches?: readonly number[];
  /** draw convex mode (random generators throughout) too */
  convex?: boolean;
}

export type SmallCell = Pick<CellConfig, 'seed' | 'd' | 'm' | 's' | 'n' | 'epochs' | 'batch' | 'outDim' | 'convex' | 'task'>;

export function smallCell(c: SmallCellConstraints = {}): fc.Arbitrary<SmallCell> {
  return fc.record({
    seed: fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    d: fc.integer({ min: 2, max: c.maxD ?? 8 }),
    m: fc.integer({ min: 1, max: c.maxM ?? 4 }),
    s: fc.integer({ min: 1, max: c.maxS ?? 12 }),
    n: fc.integer({ min: 20, max: c.maxN ?? 200 }),
    epochs: fc.integer({ min: 1, max: c.maxEpochs ?? 4 }),
    batch: fc.constantFrom(...(c.batches ?? [0, 40])),
    outDim: fc.constantFrom(1, 2),
    convex: c.convex ? fc.boolean() : fc.constant(false),
    task: fc.constantFrom(...(c.tasks ?? ['planted' as const])),
  });
}
