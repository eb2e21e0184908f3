// One IMP path, many cells (issue 14): cells that differ only in s share one pruning path, and each gets
// exactly the record it gets on its own (timing aside).
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import { runCells } from '../src/run/run-cell.js';
import { pathJobs } from '../src/tasks/paths.js';
import { prepareCell } from '../src/tasks/registry.js';

const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), backend: 'cpu', ...over });
const withoutTiming = (r: CellRecord) => {
  const o: Record<string, unknown> = { ...r };
  for (const f of TIMING_FIELDS) delete o[f];
  return o;
};

describe('one IMP path, many cells', () => {
  test('jobs: IMP cells differing only in s share a path on dataset tasks; planted IMP, IHT and other seeds do not', () => {
    const inr = (over: Partial<CellConfig>) => cell({ task: 'inr-mnist', method: 'imp', m: 3, ...over });
    const cells = [
      inr({ s: 10 }),
      inr({ s: 50 }),
      inr({ s: 20, seed: 1 }),
      inr({ s: 100 }),
      inr({ s: 10, method: 'iht' }),
      inr({ s: 50, method: 'iht' }),
      cell({ method: 'imp', s: 10 }),
      cell({ method: 'imp', s: 20 }),
      inr({ s: 10, m: 5 }),
    ];
    expect(pathJobs(cells).map((j) => j.map((c) => cells.indexOf(c)))).toEqual([[0, 1, 3], [2], [4], [5], [6], [7], [8]]);
  });

  test.each([
    ['inr-mnist, iterative, with an s above the weight count (the reference trains once)', { task: 'inr-mnist', m: 3, epochs: 1 }, [300, 1000, 3000, 5000]],
    ['binary-mnist, mini-batches, one-shot', { task: 'binary-mnist', m: 2, epochs: 1, batch: 2000, impMode: 'one-shot' }, [100, 400, 1000]],
  ] as const)(
    '%s: the shared path gives each cell its own record, bit for bit',
    async (_name, over, ss) => {
      const cfgs = ss.map((s) => cell({ method: 'imp', ...over, s }));
      expect(pathJobs(cfgs)).toHaveLength(1);
      const hooks = await prepareCell(cfgs[0]!);
      const shared = runCells(cfgs, undefined, hooks);
      const alone = cfgs.map((c) => runCells([c], undefined, hooks)[0]!);
      expect(shared.map(withoutTiming)).toEqual(alone.map(withoutTiming));
      // the records differ between the cells (each s read at its own round)
      expect(new Set(shared.map((r) => r.nnz)).size).toBe(ss.length);
    },
    120_000,
  );
});
