import { describe, expect, test } from 'vitest';
import { applyLayer, forward } from '../network/sparse-mlp.js';
import { plant } from '../network/planted.js';
import { epochOrder } from './drivers.js';
import { predict } from './evaluate.js';
import { layerwiseIht } from './layerwise.js';
import { REFERENCE_SCALAR } from './params.js';
import { ConvergenceTracker } from './signature.js';

describe('drivers', () => {
  test('each epoch order is a fresh permutation', () => {
    const a = Array.from(epochOrder(50, 1, 0));
    const b = Array.from(epochOrder(50, 1, 1));
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(b);
    expect(Array.from(epochOrder(50, 1, 0))).toEqual(a);
  });
  test('convergence step = first step from which the state never changes', () => {
    const t = new ConvergenceTracker();
    expect(t.convergenceStep()).toBeNull();
    for (const s of ['a', 'b', 'a', 'c', 'c', 'c']) t.record(s);
    expect(t.convergenceStep()).toBe(3);
    const u = new ConvergenceTracker();
    for (const s of ['x', 'x']) u.record(s);
    expect(u.convergenceStep()).toBe(0);
  });
  test('layer-wise training: the stacked network forward pass equals the last layer evaluation', () => {
    const inst = plant({ d: 6, m: 3, k: 1, layers: 2, s: 12, n: 300, seed: 2 });
    const o = {
      m: 3, s: 12, k: 1, epochs: 6, batch: 0, scpEvery: 1, convex: false, generatorSeed: 2, seed: 2, kernel: 'streaming' as const,
      scalar: REFERENCE_SCALAR, vector: { alpha: 0.005, crossEntropy: false, reinitSeed: 0 }, trackConvergence: false,
    };
    const lw = layerwiseIht(inst.x, inst.y, 2, o);
    expect(lw.layers).toHaveLength(2);
    expect(lw.layers[1]!.inDim).toBe(3);
    const stacked = forward({ layers: lw.layers, output: 'sum' }, inst.x);
    const evaluated = predict(lw.lastInputs, lw.last.w, { m: 3, k: 1, convex: false, seed: 2, kernel: 'streaming' });
    stacked.forEach((v, i) => expect(Math.abs(v - evaluated[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))));
    expect(applyLayer(inst.x, lw.layers[0]!, true).data).toEqual(lw.lastInputs.data);
  });
});
