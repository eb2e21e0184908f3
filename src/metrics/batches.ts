/** Mean over consecutive batches of `batch` rows (0 = one batch) of a per-batch statistic of rows [a, b). */
export function meanOverBatches(rows: number, batch: number, stat: (a: number, b: number) => number): number {
  const size = batch > 0 ? batch : rows;
  let sum = 0;
  let batches = 0;
  for (let a = 0; a < rows; a += size) {
    sum += stat(a, Math.min(rows, a + size));
    batches++;
  }
  return sum / batches;
}
