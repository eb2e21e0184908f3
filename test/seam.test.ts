// One contract, run on every task × method pair through the seam (tasks/task.ts, tasks/method.ts): what
// any method must report on any task. A method that keeps more than s weights is shown to fail it.
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { canonicalJson } from '../src/config/hash.js';
import { METHODS, TASKS, type MethodName, type TaskName } from '../src/config/names.js';
import type { Method } from '../src/tasks/method.js';
import type { TaskHooks, TaskOutcome } from '../src/tasks/outcome.js';
import { METHOD_REGISTRY, runPair, TASK_REGISTRY } from '../src/tasks/registry.js';
import type { Task } from '../src/tasks/task.js';

const cell = (over: Partial<CellConfig>): CellConfig => ({ ...defaults(CELL_FIELDS), ...over });

/** Small cells of each task; IMP gets an s its few rounds reach. */
const SMALL: Record<TaskName, (method: MethodName) => Partial<CellConfig>> = {
  planted: (m) => ({ n: 800, d: 8, m: 3, s: 6, epochs: m === 'iht-theory' ? 100 : 4 }),
  gaussian: (m) => ({ m: 300, n: 80, s: 5, epochs: m === 'iht-theory' ? 30 : 6 }),
  'binary-mnist': (m) => ({ m: 2, s: m === 'imp' ? 400 : 40, epochs: 1, batch: 2000 }),
  mnist: (m) => ({ m: 2, s: m === 'imp' ? 1000 : 200, epochs: 1, batch: 10000 }),
  'inr-mnist': (m) => ({ m: 3, s: m === 'imp' ? 500 : 30, epochs: 2 }),
  'inr-image': (m) => ({ m: 3, s: m === 'imp' ? 800 : 30, epochs: 1 }),
};

/** What every method must report on every task it is defined for. */
function violations(task: Task, method: Method, cfg: CellConfig, hooks: TaskHooks): string[] {
  const a: TaskOutcome = runPair(task, method, cfg, hooks);
  const b: TaskOutcome = runPair(task, method, cfg, hooks);
  const v: string[] = [];
  if (canonicalJson(a) !== canonicalJson(b)) v.push('two runs of one config differ');
  if (a.skipped) return [...v, `skipped: ${a.skipReason}`];
  if (a.nnz > cfg.s) v.push(`keeps ${a.nnz} weights, more than s = ${cfg.s}`);
  const metric = a.psnr ?? a.accuracy;
  if (metric === null || !Number.isFinite(metric)) v.push(`no finite metric (psnr ${a.psnr}, accuracy ${a.accuracy})`);
  if ((a.psnr === null) !== (a.mse === null)) v.push('psnr and mse not reported together');
  if ((a.psnr === null) !== (a.psnrZero === null)) v.push('a regression metric without its baselines, or baselines without one');
  if ((a.relErr === null) !== (a.valuesRecovered === null) || (a.relErr === null) !== (a.supportRecovered === null))
    v.push('relErr, supportRecovered and valuesRecovered not reported together');
  if (!(a.steps >= 1)) v.push(`steps ${a.steps}`);
  if (!(a.paramBytes! > 0) || !(a.dataBytes! > 0)) v.push(`bytes: params ${a.paramBytes}, data ${a.dataBytes}`);
  return v;
}

const pairs = TASKS.flatMap((t) => METHODS.filter((m) => !TASK_REGISTRY[t].notDefined?.[m]).map((m) => [t, m] as const));

describe('every method on every task it is defined for', () => {
  test('the pairs: every task has iht; only gaussian lacks imp; iht-theory needs a ground truth', () => {
    expect(pairs.length).toBe(TASKS.length * METHODS.length - 5);
    expect(pairs.filter(([, m]) => m === 'iht').length).toBe(TASKS.length);
  });

  test.each(pairs)(
    '%s × %s meets the contract',
    async (t, m) => {
      const cfg = cell({ task: t, method: m, ...SMALL[t](m) });
      const method = METHOD_REGISTRY[m];
      const hooks = method.prepare ? await method.prepare(cfg) : {};
      expect(violations(TASK_REGISTRY[t], method, cfg, hooks)).toEqual([]);
    },
    60_000,
  );

  test('a method that keeps 2s weights fails it (the contract can fail)', () => {
    const cfg = cell({ task: 'planted', ...SMALL.planted('iht') });
    const twice: Method = { ...METHOD_REGISTRY.iht, run: (c, p, h) => METHOD_REGISTRY.iht.run({ ...c, s: 2 * c.s }, p, h) };
    expect(violations(TASK_REGISTRY.planted, twice, cfg, {})).toEqual([expect.stringMatching(/^keeps 12 weights, more than s = 6$/)]);
  });

  test('a new task is one object: a noisy planted task runs every method through the seam without a registry entry', () => {
    // what a new task file would export: the planted task with label noise (no file outside this test changes)
    const noisy: Task = {
      ...TASK_REGISTRY.planted,
      build(c) {
        const p = TASK_REGISTRY.planted.build(c);
        if ('skip' in p) return p;
        const net = p.network!;
        const y = net.yTrain.map((v, i) => v + 1e-3 * Math.sin(i));
        return { ...p, network: { ...net, yTrain: y } };
      },
    };
    const cfg = cell({ task: 'planted', ...SMALL.planted('iht') });
    const clean = runPair(TASK_REGISTRY.planted, METHOD_REGISTRY.iht, cfg, {});
    const got = runPair(noisy, METHOD_REGISTRY.iht, cfg, {});
    expect(violations(noisy, METHOD_REGISTRY.iht, cfg, {})).toEqual([]);
    expect(got.psnr).not.toBe(clean.psnr);
  });
});
