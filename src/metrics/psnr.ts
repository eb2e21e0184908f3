import { meanOverBatches } from './batches.js';

/**
 * PSNR as the reference computes it (SPEC §3.9): 20·log10(maxLabel) − 10·log10(mean over batches
 * of the batch MSE), batches of `batch` consecutive rows (0 = one batch); an MSE entry averages
 * all k outputs of a row. psnr is null when the MSE is exactly 0 (an infinite PSNR has no JSON form).
 */
export function psnr(pred: Float64Array, y: Float64Array, rows: number, maxLabel: number, batch = 0): { psnr: number | null; mse: number } {
  if (pred.length !== y.length) throw new RangeError(`prediction has ${pred.length} entries, labels ${y.length}`);
  const k = y.length / rows;
  const mse = meanOverBatches(rows, batch, (a, b) => {
    let se = 0;
    for (let t = a * k; t < b * k; t++) {
      const e = pred[t]! - y[t]!;
      se += e * e;
    }
    return se / ((b - a) * k);
  });
  return { psnr: mse === 0 ? null : 20 * Math.log10(maxLabel) - 10 * Math.log10(mse), mse };
}
