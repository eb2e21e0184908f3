// Greedy layer-wise training of deeper networks (SPEC §3.8): each layer is a two-layer IHT
// experiment with budget ⌊s/L⌋ on the inputs pushed through the layers stored so far; a layer
// stores the hidden weights only (the temporary vector-output W2 is discarded).
import { applyLayer, blocksOf, type SparseColumn, type SparseLayer } from '../network/sparse-mlp.js';
import type { Matrix } from '../linalg/matrix.js';
import { annotateDivergence } from '../lifted/engines-used.js';
import { DivergenceError } from '../sparse/divergence.js';
import { runIht, type IhtRunOptions, type IhtRunResult } from './drivers.js';

export interface LayerwiseResult {
  /** stored hidden layers, first to last */
  layers: SparseLayer[];
  /** inputs of the last layer's experiment (raw inputs through all but the last stored layer) */
  lastInputs: Matrix;
  /** the last layer's IHT result (its W2 part is the output layer for vector output) */
  last: IhtRunResult;
  perLayer: IhtRunResult[];
}

/** The sparsity budget of each hidden layer when L layers share s (SPEC §3.8): ⌊s/L⌋. */
export const layerBudget = (s: number, layers: number): number => Math.floor(s / layers);

export function layerwiseIht(x: Matrix, y: Float64Array, layers: number, o: IhtRunOptions): LayerwiseResult {
  const budget = layerBudget(o.s, layers);
  if (budget < 1) throw new RangeError(`budget ⌊s/L⌋ = ⌊${o.s}/${layers}⌋ is 0`);
  const stored: SparseLayer[] = [];
  const perLayer: IhtRunResult[] = [];
  let inputs = x;
  for (let l = 0; l < layers; l++) {
    const onIterate = o.onIterate;
    const res = annotateDivergence(
      () => perLayer.flatMap((p) => p.engines),
      () => {
        try {
          return runIht(inputs, y, { ...o, s: budget, ...(onIterate ? { onIterate: (i) => onIterate({ ...i, layer: l }) } : {}) });
        } catch (e) {
          // steps count on through the layers, in the order they ran
          if (e instanceof DivergenceError && e.step !== null) e.step += perLayer.reduce((a, p) => a + p.steps, 0);
          throw e;
        }
      },
    );
    perLayer.push(res);
    const units: SparseColumn[] = blocksOf(res.w, inputs.cols, o.m);
    stored.push({ inDim: inputs.cols, units });
    if (l < layers - 1) inputs = applyLayer(inputs, stored[l]!, true);
  }
  return { layers: stored, lastInputs: inputs, last: perLayer[perLayer.length - 1]!, perLayer };
}
