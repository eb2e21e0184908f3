// Deterministic builders turning an integer spec into concrete data (shared by properties and tests).
import type { Matrix } from '../src/linalg/matrix.js';
import { fillNormal, sampleWithoutReplacement } from '../src/random/sampling.js';
import { stream } from '../src/random/streams.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import type { LiftedInstanceSpec } from './arbitraries/lifted-instance.js';
import { plant } from '../src/network/plant.js';
import { plantedDictionary, type PlantedDictionary } from '../src/lifted/dictionary.js';
import type { PlantedInstanceSpec } from './arbitraries/planted-instance.js';

export function dataOf(spec: LiftedInstanceSpec): Matrix {
  const data = new Float32Array(spec.n * spec.d);
  fillNormal(stream(spec.seed, 'test-data'), data);
  return { rows: spec.n, cols: spec.d, data };
}

/** A sparse vector of length m·d with s nonzero Gaussian entries at random positions. */
export function sparseOf(spec: LiftedInstanceSpec, role = 'test-weights', length = spec.m * spec.d): SparseVector {
  const rng = stream(spec.seed, role);
  const pos = Array.from(sampleWithoutReplacement(rng, length, Math.min(spec.s, length))).sort((a, b) => a - b);
  return SparseVector.fromEntries(
    length,
    Math.max(1, pos.length),
    pos,
    pos.map(() => rng.normal()),
  );
}

export function vectorOf(seed: number, role: string, length: number): Float64Array {
  const v = new Float64Array(length);
  fillNormal(stream(seed, role), v);
  return v;
}

export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(a[i]!), Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}

// ---- planted instances with their fixed dictionary (theorem setting) ----

export interface TheoryInstance extends PlantedDictionary {
  y: Float64Array;
  spec: PlantedInstanceSpec;
}

/** Planted net (exact float64 labels) and the dictionary of its patterns plus `extra` random generators. */
export function theoryInstance(spec: PlantedInstanceSpec): TheoryInstance {
  const inst = plant({ d: spec.d, m: spec.m, k: 1, layers: 1, s: spec.s, n: spec.n, seed: spec.seed, weights: spec.weights, sPrime: spec.sPrime }, false);
  return { ...plantedDictionary(inst, { m: spec.m, d: spec.d, extraGenerators: spec.extra, seed: spec.seed, kernel: 'streaming' }), y: inst.y, spec };
}
