// What trains a pruning round: the dense network (TF.js tensors, every weight multiplied) or the
// masked-sparse one (./sparse-mlp.ts, only the survivors). Both take a round's batches once and then
// step through them by index, so the round's loop (./imp.ts) is the same code for either.
import * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from '../linalg/matrix.js';
import type { DenseMlp, Loss } from './mlp.js';

export type ImpKernel = 'auto' | 'dense' | 'sparse';

/**
 * Below this fraction of surviving weights a round trains in sparse form (auto). Measured by
 * `npm run bench` (bench/imp-kernels.ts: step time dense against sparse over densities and shapes).
 */
export const SPARSE_BELOW_DENSITY = 0.85;

/** The kernel a round trains on, given the network's density and whether the sparse kernels compiled. */
export function chooseKernel(kernel: ImpKernel, density: number, sparseAvailable: boolean): 'dense' | 'sparse' {
  if (!sparseAvailable || kernel === 'dense') return 'dense';
  if (kernel === 'sparse') return 'sparse';
  return density < SPARSE_BELOW_DENSITY ? 'sparse' : 'dense';
}

export interface RoundTrainer {
  /** lay out a round's (or epoch's) batches: `size` rows each (0: all), rows in `order`; returns their count */
  setBatches(x: Matrix, y: Float64Array, k: number, size: number, order: Int32Array | null): number;
  /** one Adam step on batch `i`; returns the loss */
  step(i: number, loss: Loss): number;
  /** host copies of the weights, dense [in, out] */
  read(): Float32Array[];
  releaseBatches(): void;
}

interface Batch {
  x: tf.Tensor2D;
  xT: tf.Tensor2D;
  y: tf.Tensor2D;
}

export class DenseTrainer implements RoundTrainer {
  private batches: Batch[] = [];
  constructor(private readonly mlp: DenseMlp) {}

  setBatches(x: Matrix, y: Float64Array, k: number, size: number, order: Int32Array | null): number {
    this.releaseBatches();
    const n = x.rows;
    const rows = size > 0 ? size : n;
    for (let a = 0; a < n; a += rows) {
      const b = Math.min(n, a + rows);
      const xb = new Float32Array((b - a) * x.cols);
      const yb = new Float32Array((b - a) * k);
      for (let r = a; r < b; r++) {
        const src = order ? order[r]! : r;
        for (let c = 0; c < x.cols; c++) xb[(r - a) * x.cols + c] = x.data[src * x.cols + c]!;
        for (let o = 0; o < k; o++) yb[(r - a) * k + o] = y[src * k + o]!;
      }
      const xt = tf.tensor2d(xb, [b - a, x.cols]);
      this.batches.push({ x: xt, xT: tf.transpose(xt), y: tf.tensor2d(yb, [b - a, k]) });
    }
    return this.batches.length;
  }

  step(i: number, loss: Loss): number {
    const b = this.batches[i]!;
    return this.mlp.step(b.x, b.y, loss, b.xT);
  }

  read(): Float32Array[] {
    return this.mlp.read();
  }

  releaseBatches(): void {
    for (const b of this.batches) {
      b.x.dispose();
      b.xT.dispose();
      b.y.dispose();
    }
    this.batches = [];
  }
}
