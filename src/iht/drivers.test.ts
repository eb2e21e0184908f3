import { describe, expect, test } from 'vitest';
import { applyLayer, forward } from '../network/sparse-mlp.js';
import { plant } from '../network/plant.js';
import { epochBudget, stepBudget } from '../config/training.js';
import { runIht } from './drivers.js';
import { predict } from './evaluate.js';
import { layerwiseIht } from './layerwise.js';
import { REFERENCE_SCALAR } from './params.js';
import { namedRowOrder } from './row-order.js';
import { ConvergenceTracker } from './signature.js';

/** Full-batch options of a scalar-output run on named streams (each test sets its training budget). */
const named = (m: number, s: number, seed: number, n: number) => ({
  m,
  s,
  k: 1,
  batch: 0,
  scpEvery: 1,
  convex: false,
  generatorSeed: seed,
  streams: 'named' as const,
  order: namedRowOrder(seed, n),
  kernel: 'streaming' as const,
  scalar: REFERENCE_SCALAR,
  vector: { alpha: 0.005, crossEntropy: false, reinit: 'named' as const },
  trackConvergence: false,
});

describe('drivers', () => {
  test('each epoch order is a fresh permutation', () => {
    const order = namedRowOrder(1, 50);
    const a = Array.from(order.epoch(0));
    const b = Array.from(order.epoch(1));
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(b);
    expect(Array.from(namedRowOrder(1, 50).epoch(0))).toEqual(a);
  });
  test('convergence step = first step from which the state never changes; null when the last step still changed it', () => {
    const states = (list: string[]) => {
      const t = new ConvergenceTracker();
      for (const s of list) t.record(s);
      return t.convergenceStep();
    };
    expect(states([])).toBeNull();
    expect(states(['a', 'b', 'a', 'c', 'c', 'c'])).toBe(3);
    expect(states(['x', 'x'])).toBe(0);
    // not converged within the budget: reported as null, not as the last step (the old answer was 2)
    expect(states(['a', 'b', 'c'])).toBeNull();
    expect(states(['x'])).toBeNull();
  });
  test('layer-wise training: the stacked network forward pass equals the last layer evaluation', () => {
    const inst = plant({ d: 6, m: 3, k: 1, layers: 2, s: 12, n: 300, seed: 2 });
    const o = { ...named(3, 12, 2, 300), training: stepBudget(6) };
    const lw = layerwiseIht(inst.x, inst.y, 2, o);
    expect(lw.layers).toHaveLength(2);
    expect(lw.layers[1]!.inDim).toBe(3);
    const stacked = forward({ layers: lw.layers, output: 'sum' }, inst.x);
    const evaluated = predict(lw.lastInputs, lw.last.w, { m: 3, k: 1, convex: false, seed: 2, streams: 'named', kernel: 'streaming' });
    stacked.forEach((v, i) => expect(Math.abs(v - evaluated[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))));
    expect(applyLayer(inst.x, lw.layers[0]!, true).data).toEqual(lw.lastInputs.data);
  });
  test('a training budget knows its unit: each driver refuses the other unit, and the result is counted in it', () => {
    const inst = plant({ d: 4, m: 2, k: 1, layers: 1, s: 4, n: 200, seed: 1 });
    const o = { ...named(2, 4, 1, 200), training: stepBudget(3), trackConvergence: true };
    const full = runIht(inst.x, inst.y, o);
    expect([full.convergenceUnit, full.steps]).toEqual(['step', 3]);
    expect(() => runIht(inst.x, inst.y, { ...o, batch: 50 })).toThrow('mini-batch AIHT counts epochs; it was given 3 steps');
    expect(() => runIht(inst.x, inst.y, { ...o, training: epochBudget(3) })).toThrow('full-batch AIHT counts steps; it was given 3 epochs');
    const mini = runIht(inst.x, inst.y, { ...o, batch: 50, training: epochBudget(3) });
    // 3 epochs of 4 batches: 12 steps, convergence counted in epochs
    expect([mini.convergenceUnit, mini.steps]).toEqual(['epoch', 12]);
  });
});
