import { meanOverBatches } from './batches.js';

/**
 * The reference's peak term 20·log10(max |y|) as its NumPy code evaluates it on the float32 max label:
 * log10 in float32, then 20× in float64. NumPy's vectorised float32 log10 is not correctly rounded (it
 * differs from this by 1–2 float32 ulps in about half the planted cells: up to ~5e-6 dB). Exactly 0 for a
 * peak of 1 (the INR tasks).
 */
function peakTermDb(maxLabel: number): number {
  return 20 * Math.fround(Math.log10(Math.fround(maxLabel)));
}

/** PSNR of a mean squared error with the reference's peak term (null for an exact fit). */
export function psnrOfMse(mse: number, maxLabel: number): number | null {
  return mse === 0 ? null : peakTermDb(maxLabel) - 10 * Math.log10(mse);
}

/**
 * PSNR as the reference computes it (SPEC §3.9): peak term − 10·log10(mean over batches of the batch
 * MSE), batches of `batch` rows taken in `order` (default: consecutive; 0 = one batch); an MSE entry
 * averages all k outputs of a row. psnr is null when the MSE is exactly 0 (an infinite PSNR has no JSON form).
 */
export function psnr(
  pred: Float64Array,
  y: Float64Array,
  rows: number,
  maxLabel: number,
  batch = 0,
  order: Int32Array | null = null,
): { psnr: number | null; mse: number } {
  if (pred.length !== y.length) throw new RangeError(`prediction has ${pred.length} entries, labels ${y.length}`);
  const k = y.length / rows;
  const mse = meanOverBatches(rows, batch, (a, b) => {
    let se = 0;
    for (let r = a; r < b; r++) {
      const i = order ? order[r]! : r;
      for (let t = i * k; t < (i + 1) * k; t++) {
        const e = pred[t]! - y[t]!;
        se += e * e;
      }
    }
    return se / ((b - a) * k);
  });
  return { psnr: psnrOfMse(mse, maxLabel), mse };
}

/**
 * What a trivial model scores on the same data, batches and peak: predicting 0 everywhere, and predicting
 * the best constant (each output's mean label). A fit within a fraction of a dB of these learned nothing.
 */
export function baselinePsnr(y: Float64Array, rows: number, maxLabel: number, batch = 0): { zero: number | null; constant: number | null } {
  const k = y.length / rows;
  const mean = new Float64Array(k);
  for (let i = 0; i < rows; i++) for (let o = 0; o < k; o++) mean[o]! += y[i * k + o]! / rows;
  const constant = Float64Array.from(y, (_, t) => mean[t % k]!);
  return { zero: psnr(new Float64Array(y.length), y, rows, maxLabel, batch).psnr, constant: psnr(constant, y, rows, maxLabel, batch).psnr };
}
