// Gaussian sensing matrix generated on the fly (SPEC §3.1 GaussianFlyMatrix, sanity task only):
// M × N, column j ~ N(0, I_M), one column per block: the reference's `np.random.seed(j + o)`,
// `normal(size=M)` with o drawn from [0, N) after seeding with the run seed (no seed-0 special case),
// or stream(seed, gaussian-column:j).
import type { StreamFamily } from '../config/streams.js';
import { fillNormal } from '../random/sampling.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream } from '../random/streams.js';
import { referenceSeedOffset } from './generators.js';
import type { BlockOperator } from './operator.js';

export class GaussianSensing implements BlockOperator {
  readonly blockSize = 1;
  readonly numBlocks: number;
  readonly cols: number;
  private readonly column: Float64Array;
  /** reference family: the per-run offset of the column seeds */
  readonly offset: number | null;

  constructor(
    readonly rows: number,
    cols: number,
    readonly seed: number,
    readonly streams: StreamFamily = 'named',
  ) {
    if (!Number.isInteger(rows) || rows <= 0 || !Number.isInteger(cols) || cols <= 0)
      throw new RangeError(`gaussian sensing needs positive integer sizes, got ${rows}×${cols}`);
    this.numBlocks = cols;
    this.cols = cols;
    this.column = new Float64Array(rows);
    this.offset = streams === 'reference' ? referenceSeedOffset(seed, cols, false) : null;
  }

  /** Column j (a view, valid until the next call). */
  columnOf(j: number): Float64Array {
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) throw new RangeError(`column ${j} outside [0, ${this.cols})`);
    if (this.offset === null) fillNormal(stream(this.seed, Role.gaussianColumn(j)), this.column);
    else new NumpyRandomState(j + this.offset).fillNormal(this.column);
    return this.column;
  }

  isZeroBlock(): boolean {
    return false;
  }

  adjointBlock(j: number, r: Float64Array, out: Float64Array): Float64Array {
    const a = this.columnOf(j);
    let s = 0;
    for (let i = 0; i < this.rows; i++) s += a[i]! * r[i]!;
    out[0] = s;
    return out;
  }

  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): Float64Array {
    for (let c = 0; c < count; c++) this.adjointBlock(j0 + c, r, out.subarray(c, c + 1));
    return out;
  }

  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, out: Float64Array, count = idx.length): Float64Array {
    out.fill(0, 0, this.rows);
    for (let t = 0; t < count; t++) {
      const a = this.columnOf(idx[t]!);
      const v = val[t]!;
      for (let i = 0; i < this.rows; i++) out[i]! += a[i]! * v;
    }
    return out;
  }

  adjointSupport(idx: ArrayLike<number>, r: Float64Array, out: Float64Array, count = idx.length): Float64Array {
    for (let t = 0; t < count; t++) this.adjointBlock(idx[t]!, r, out.subarray(t, t + 1));
    return out;
  }
}
