import { meanOverBatches } from './batches.js';

/** Mean over consecutive batches of the batch accuracy (SPEC §3.9); batch 0 = one batch. */
function batched(rows: number, batch: number, correct: (i: number) => boolean): number {
  return meanOverBatches(rows, batch, (a, b) => {
    let c = 0;
    for (let i = a; i < b; i++) if (correct(i)) c++;
    return c / (b - a);
  });
}

/** Scalar predictions thresholded as the reference does (≥ 0.5 → 1, else 0) against {0, 1} labels. */
export function binaryAccuracy(pred: Float64Array, labels: Float64Array, batch = 0): number {
  return batched(labels.length, batch, (i) => (pred[i]! >= 0.5 ? 1 : 0) === labels[i]);
}

function argmax(v: Float64Array, off: number, k: number): number {
  let best = 0;
  for (let o = 1; o < k; o++) if (v[off + o]! > v[off + best]!) best = o;
  return best;
}

/** Argmax of the k outputs against the argmax of the one-hot label. */
export function argmaxAccuracy(pred: Float64Array, onehot: Float64Array, k: number, batch = 0): number {
  return batched(onehot.length / k, batch, (i) => argmax(pred, i * k, k) === argmax(onehot, i * k, k));
}
