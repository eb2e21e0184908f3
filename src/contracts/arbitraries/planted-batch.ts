// Arbitrary: a batch of planted-network instance seeds for the solver contract (a measured regime is judged
// over many instances at once). The regime's sizes are fixed; only the seeds vary.
import fc from 'fast-check';
import type { Matrix } from '../../linalg/matrix.js';
import { liftedPlantedWeights, plant } from '../../network/plant.js';

/** The planted regime the solver contract runs: one hidden layer, scalar output (units summed). */
export interface PlantedRegime {
  d: number;
  m: number;
  /** planted nonzeros in all (Gaussian values at uniformly random positions) */
  s: number;
  n: number;
}

export interface PlantedProblem {
  x: Matrix;
  /** exact float64 labels y = Σ_j relu(X w*_j) */
  y: Float64Array;
  /** w* as m·d weights, block j = unit j */
  wStar: Float64Array;
}

export const plantedBatch = (instances: number): fc.Arbitrary<number[]> =>
  fc.array(fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 })), { minLength: instances, maxLength: instances });

/** The planted instance of one seed (named random streams: X float32-valued Gaussian, w* Gaussian). */
export function plantedProblem(regime: PlantedRegime, seed: number): PlantedProblem {
  const inst = plant({ ...regime, k: 1, layers: 1, seed, streams: 'named' }, false);
  const lifted = liftedPlantedWeights(inst.net);
  const wStar = new Float64Array(lifted.length);
  lifted.indices.forEach((i, t) => (wStar[i] = lifted.values[t]!));
  return { x: inst.x, y: inst.y, wStar };
}
