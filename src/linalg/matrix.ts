/** Row-major dense matrix. Data may be float32 storage (the reference's inputs are float32-valued);
 *  all arithmetic reads them into float64. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array | Float64Array;
}

/** Rows [from, to) as a new matrix (copy). */
export function rowsOf(x: Matrix, rowIndices: ArrayLike<number>): Matrix {
  const out = new (x.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(rowIndices.length * x.cols);
  for (let r = 0; r < rowIndices.length; r++) out.set(x.data.subarray(rowIndices[r]! * x.cols, (rowIndices[r]! + 1) * x.cols), r * x.cols);
  return { rows: rowIndices.length, cols: x.cols, data: out };
}
