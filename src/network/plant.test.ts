import { describe, expect, test } from 'vitest';
import { liftedPlantedWeights, plant, plantedMatrixShapes } from './plant.js';
import { forward, layerNnz, nnz } from './sparse-mlp.js';

describe('planted generator (SPEC §5.2)', () => {
  test('matrix shapes: d×m, (m×m)×(L−1), and m×k for vector output', () => {
    expect(plantedMatrixShapes({ d: 5, m: 3, k: 1, layers: 2, s: 9, n: 1, seed: 0 })).toEqual([
      [5, 3],
      [3, 3],
    ]);
    expect(plantedMatrixShapes({ d: 5, m: 3, k: 4, layers: 1, s: 9, n: 1, seed: 0 })).toEqual([
      [5, 3],
      [3, 4],
    ]);
  });
  test('each matrix gets min(size, ⌊s/#matrices⌋) float32-valued Gaussian nonzeros', () => {
    const inst = plant({ d: 10, m: 4, k: 3, layers: 2, s: 30, n: 20, seed: 1 });
    expect(inst.net.layers.map(layerNnz)).toEqual([10, 10, 10]);
    const tiny = plant({ d: 2, m: 2, k: 1, layers: 1, s: 50, n: 5, seed: 1 });
    expect(nnz(tiny.net)).toBe(4);
    for (const l of inst.net.layers) for (const u of l.units) for (const v of u.val) expect(Math.fround(v)).toBe(v);
  });
  test('inputs are float32 Gaussians; labels are the float64 forward pass rounded to float32 once', () => {
    const inst = plant({ d: 6, m: 3, k: 1, layers: 1, s: 6, n: 100, seed: 2 });
    expect(inst.x.data).toBeInstanceOf(Float32Array);
    const exact = forward(inst.net, inst.x);
    inst.y.forEach((v, i) => expect(v).toBe(Math.fround(exact[i]!)));
    expect(inst.maxLabel).toBe(Math.max(...Array.from(inst.y, Math.abs)));
    const unrounded = plant({ d: 6, m: 3, k: 1, layers: 1, s: 6, n: 100, seed: 2 }, false);
    expect(Array.from(unrounded.y)).toEqual(Array.from(exact));
  });
  test('scalar output sums the last hidden layer (output weights +1); lifted weights stack unit columns', () => {
    const inst = plant({ d: 4, m: 2, k: 1, layers: 1, s: 4, n: 10, seed: 3 });
    const lifted = liftedPlantedWeights(inst.net);
    expect(lifted.length).toBe(8);
    inst.net.layers[0]!.units.forEach((u, j) =>
      u.idx.forEach((c, t) => {
        const at = lifted.indices.indexOf(j * 4 + c);
        expect(lifted.values[at]).toBe(u.val[t]);
      }),
    );
  });
  test('same seed ⇒ same instance; the data stream does not depend on the network shape', () => {
    const a = plant({ d: 5, m: 3, k: 1, layers: 1, s: 6, n: 30, seed: 9 });
    const b = plant({ d: 5, m: 7, k: 2, layers: 2, s: 6, n: 30, seed: 9 });
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
    expect(Array.from(plant({ d: 5, m: 3, k: 1, layers: 1, s: 6, n: 30, seed: 9 }).y)).toEqual(Array.from(a.y));
  });
});
