// IMP's random draws (SPEC §4): the initial weights θ₀ and the row orders of training and evaluation.
// Reference streams replay PyTorch's global CPU generator as baselines.py drives it: `torch.manual_seed(seed)`
// right before `Linear(d, m)`, the hidden `Linear(m, m)`s and `Linear(m, k)` (each U(±1/√fan_in), float32,
// drawn in PyTorch's [out, in] layout), then, continuing on the same generator, one DataLoader iterator per
// round (≤ 100 batches: drawn once and kept for all epochs of the round) or per epoch (> 100 batches), and one
// for the evaluation loader after each round's pruning. Calls must come in that order.
// Named streams: stream(seed, init) for θ₀ and stream(seed, imp-order:round:epoch) for shuffled batches.
import type { StreamFamily } from '../config/streams.js';
import { shuffledIndices } from '../random/permutation.js';
import { Role, stream } from '../random/streams.js';
import { linearInit, loaderIteratorOrder, TorchGenerator } from '../random/torch-generator.js';

export interface ImpDraws {
  /** θ₀ of every layer in our [in, out] layout */
  theta0(shapes: ReadonlyArray<readonly [number, number]>): Float32Array[];
  /** order of the training rows for (round, epoch); null = the data's own order */
  trainOrder(round: number, epoch: number, n: number): Int32Array | null;
  /** order of the evaluation rows after a round; null = the data's own order */
  evalOrder(n: number): Int32Array | null;
}

export interface ImpLoaders {
  /** the training loader shuffles (a batch size was given, or INR) */
  trainShuffles: boolean;
  /** the evaluation loader shuffles (planted evaluates with its training loader) */
  evalShuffles: boolean;
}

/** PyTorch's [out, in] row-major weights → our [in, out] row-major. */
function transposed(w: Float32Array, fanIn: number, fanOut: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let o = 0; o < fanOut; o++) for (let i = 0; i < fanIn; i++) t[i * fanOut + o] = w[o * fanIn + i]!;
  return t;
}

function referenceImpDraws(seed: number, loaders: ImpLoaders): ImpDraws {
  const g = new TorchGenerator(seed);
  return {
    theta0: (shapes) => shapes.map(([fanIn, fanOut]) => transposed(linearInit(g, fanIn, fanOut), fanIn, fanOut)),
    trainOrder: (_round, _epoch, n) => {
      const order = loaderIteratorOrder(g, n, loaders.trainShuffles);
      return loaders.trainShuffles ? order : null;
    },
    evalOrder: (n) => {
      const order = loaderIteratorOrder(g, n, loaders.evalShuffles);
      return loaders.evalShuffles ? order : null;
    },
  };
}

/** PyTorch's default Linear init, U(−1/√fan_in, 1/√fan_in), from stream(seed, init), float32. */
function namedImpDraws(seed: number, loaders: ImpLoaders): ImpDraws {
  return {
    theta0: (shapes) => {
      const rng = stream(seed, Role.init);
      return shapes.map(([fanIn, fanOut]) => {
        const w = new Float32Array(fanIn * fanOut);
        const bound = 1 / Math.sqrt(fanIn);
        for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * bound;
        return w;
      });
    },
    trainOrder: (round, epoch, n) => (loaders.trainShuffles ? shuffledIndices(n, stream(seed, Role.impOrder(round, epoch))) : null),
    evalOrder: () => null,
  };
}

export function impDraws(family: StreamFamily, seed: number, loaders: ImpLoaders): ImpDraws {
  return family === 'reference' ? referenceImpDraws(seed, loaders) : namedImpDraws(seed, loaders);
}
