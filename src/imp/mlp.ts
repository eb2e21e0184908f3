// Dense MLP without biases (SPEC §4): input → m → … → m → out, ReLU between layers, trained with Adam.
// Weights live as float32 tf tensors; the backward pass is written by hand with explicit transposes,
// because wasm's matMul with transposeA/transposeB is ~15× slower (TOOLCHAIN.md).
import * as tf from '@tensorflow/tfjs-core';

export type Loss = 'mse' | 'cross-entropy';

export interface AdamParams {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8. */
export const ADAM_DEFAULTS: AdamParams = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** Layer shapes [in, out]: d → m, (L − 1) × (m → m), m → k. */
export function mlpShapes(d: number, m: number, layers: number, k: number): Array<[number, number]> {
  const shapes: Array<[number, number]> = [[d, m]];
  for (let l = 1; l < layers; l++) shapes.push([m, m]);
  shapes.push([m, k]);
  return shapes;
}

export class DenseMlp {
  weights: tf.Tensor2D[];
  private masks: tf.Tensor2D[];
  private m1: tf.Tensor2D[] = [];
  private m2: tf.Tensor2D[] = [];
  private t = 0;

  constructor(
    readonly shapes: Array<[number, number]>,
    values: Float32Array[],
    masks: Uint8Array[],
    readonly adam: AdamParams = ADAM_DEFAULTS,
  ) {
    this.weights = shapes.map((s, l) => tf.tensor2d(values[l]!, s));
    this.masks = shapes.map((s, l) => tf.tensor2d(Float32Array.from(masks[l]!), s));
    this.resetOptimizer();
  }

  get parameterCount(): number {
    return this.shapes.reduce((a, [i, o]) => a + i * o, 0);
  }

  /** A fresh Adam (the reference creates one at every rewind). */
  resetOptimizer(): void {
    for (const t of [...this.m1, ...this.m2]) t.dispose();
    this.m1 = this.shapes.map((s) => tf.zeros(s) as tf.Tensor2D);
    this.m2 = this.shapes.map((s) => tf.zeros(s) as tf.Tensor2D);
    this.t = 0;
  }

  /** Replace weights and masks (rewinding, pruning). */
  load(values: Float32Array[], masks: Uint8Array[]): void {
    for (const t of [...this.weights, ...this.masks]) t.dispose();
    this.weights = this.shapes.map((s, l) => tf.tensor2d(values[l]!, s));
    this.masks = this.shapes.map((s, l) => tf.tensor2d(Float32Array.from(masks[l]!), s));
  }

  /** Host copies of the weights. */
  read(): Float32Array[] {
    return this.weights.map((w) => w.dataSync() as Float32Array).map((a) => Float32Array.from(a));
  }

  predict(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let a: tf.Tensor2D = x;
      this.weights.forEach((w, l) => {
        const z = tf.matMul(a, w) as tf.Tensor2D;
        a = l < this.weights.length - 1 ? (tf.relu(z) as tf.Tensor2D) : z;
      });
      return a;
    });
  }

  /**
   * Loss and its gradient with respect to every layer's weights, masked (pruned weights get none), by the
   * hand-written backward pass: explicit transposes and plain matMul (wasm's transpose flags are ~6× slower).
   * Call inside tf.tidy (or dispose the tensors). xT = xᵀ may be passed when the caller caches it.
   */
  gradients(x: tf.Tensor2D, y: tf.Tensor2D, loss: Loss, xT?: tf.Tensor2D): { value: tf.Scalar; grads: tf.Tensor2D[] } {
    const acts: tf.Tensor2D[] = [x];
    const pre: tf.Tensor2D[] = [];
    this.weights.forEach((w, l) => {
      const z = tf.matMul(acts[l]!, w) as tf.Tensor2D;
      pre.push(z);
      if (l < this.weights.length - 1) acts.push(tf.relu(z) as tf.Tensor2D);
    });
    const outT = pre[pre.length - 1]!;
    const [n, k] = outT.shape;
    let g: tf.Tensor2D;
    let value: tf.Scalar;
    if (loss === 'mse') {
      const diff = tf.sub(outT, y);
      value = tf.mean(tf.square(diff));
      g = tf.mul(diff, 2 / (n * k)) as tf.Tensor2D;
    } else {
      const logp = tf.logSoftmax(outT);
      value = tf.neg(tf.mean(tf.sum(tf.mul(y, logp), 1)));
      g = tf.div(tf.sub(tf.exp(logp), y), n) as tf.Tensor2D;
    }
    const grads: tf.Tensor2D[] = new Array(this.weights.length);
    for (let l = this.weights.length - 1; l >= 0; l--) {
      const aT = l === 0 && xT ? xT : tf.transpose(acts[l]!);
      grads[l] = tf.mul(tf.matMul(aT, g), this.masks[l]!) as tf.Tensor2D;
      if (l > 0) g = tf.mul(tf.matMul(g, tf.transpose(this.weights[l]!)), tf.step(pre[l - 1]!)) as tf.Tensor2D;
    }
    return { value, grads };
  }

  /** One Adam step on (x, y); xT = xᵀ may be passed when the caller caches it. Returns the loss. */
  step(x: tf.Tensor2D, y: tf.Tensor2D, loss: Loss, xT?: tf.Tensor2D): number {
    this.t++;
    const { lr, beta1, beta2, eps } = this.adam;
    const bc1 = 1 - beta1 ** this.t;
    const bc2 = 1 - beta2 ** this.t;
    const out = tf.tidy(() => {
      const { value, grads } = this.gradients(x, y, loss, xT);
      const next = this.weights.map((w, l) => {
        const m1 = tf.add(tf.mul(this.m1[l]!, beta1), tf.mul(grads[l]!, 1 - beta1));
        const m2 = tf.add(tf.mul(this.m2[l]!, beta2), tf.mul(tf.square(grads[l]!), 1 - beta2));
        const denom = tf.add(tf.div(tf.sqrt(m2), Math.sqrt(bc2)), eps);
        const w2 = tf.mul(tf.sub(w, tf.mul(tf.div(m1, denom), lr / bc1)), this.masks[l]!);
        return [w2, m1, m2] as tf.Tensor2D[];
      });
      return { value: value.dataSync()[0]!, next };
    });
    this.weights.forEach((w) => w.dispose());
    this.m1.forEach((t) => t.dispose());
    this.m2.forEach((t) => t.dispose());
    this.weights = out.next.map((t) => t[0]!);
    this.m1 = out.next.map((t) => t[1]!);
    this.m2 = out.next.map((t) => t[2]!);
    return out.value;
  }

  dispose(): void {
    for (const t of [...this.weights, ...this.masks, ...this.m1, ...this.m2]) t.dispose();
  }
}
