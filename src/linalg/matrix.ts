/** Row-major dense matrix. Data may be float32 storage (the reference's inputs are float32-valued);
 *  all arithmetic reads them into float64. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array | Float64Array;
}

export function matrix(rows: number, cols: number, data?: Float32Array | Float64Array): Matrix {
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) throw new RangeError(`matrix data has ${d.length} entries, expected ${rows}×${cols}`);
  return { rows, cols, data: d };
}

/** Rows [from, to) as a new matrix (copy). */
export function rowsOf(x: Matrix, rowIndices: ArrayLike<number>): Matrix {
  const out = new (x.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(rowIndices.length * x.cols);
  for (let r = 0; r < rowIndices.length; r++) out.set(x.data.subarray(rowIndices[r]! * x.cols, (rowIndices[r]! + 1) * x.cols), r * x.cols);
  return { rows: rowIndices.length, cols: x.cols, data: out };
}
