// The order in which a cell's training rows reach IHT, and the order of the evaluation pass.
// Reference streams follow the reference's torch DataLoader: after `torch.manual_seed(torchSeed)` every
// iter() of the loader draws a fresh permutation (when it shuffles). The reference's experiment first
// takes `next(iter(loader))` (full batch: that is the training batch), then one iterator per epoch
// (mini-batch), then one for its evaluation pass over the training data.
// Named streams: the data's own order for full batch and evaluation, stream(seed, batch-order:e) per epoch.
import type { TrainingBudget } from '../config/training.js';
import { shuffledIndices } from '../random/permutation.js';
import { Role, stream } from '../random/streams.js';
import { TorchLoaderOrders } from '../random/torch-generator.js';

export interface RowOrder {
  /** order of the single full batch; null = the data's own order */
  fullBatch(): Int32Array | null;
  /** order of epoch e in mini-batch training */
  epoch(e: number): Int32Array;
  /** order of an evaluation pass over the training data after training for `training`; null = the data's own order */
  evaluation(training: TrainingBudget): Int32Array | null;
}

export function namedRowOrder(seed: number, n: number): RowOrder {
  return {
    fullBatch: () => null,
    epoch: (e) => shuffledIndices(n, stream(seed, Role.batchOrder(e))),
    evaluation: () => null,
  };
}

/** `shuffle`: whether the reference's training loader shuffles (INR always; planted and MNIST only with mini-batches). */
export function referenceRowOrder(torchSeed: number, n: number, shuffle: boolean): RowOrder {
  const loader = new TorchLoaderOrders(torchSeed, n, shuffle);
  const orNull = (o: Int32Array) => (shuffle ? o : null);
  return {
    fullBatch: () => orNull(loader.at(0)),
    epoch: (e) => loader.at(1 + e),
    // full batch drew one permutation (the training batch); mini-batch one per epoch after it
    evaluation: (training) => orNull(loader.at(training.unit === 'epoch' ? 1 + training.count : 1)),
  };
}
