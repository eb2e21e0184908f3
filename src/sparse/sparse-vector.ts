// Memory-linear sparse vector (SPEC §3.2): at most `capacity` stored entries, sorted by index.
// writeBlock keeps a running top-s, so streaming a dense vector into an empty one block by block
// yields exactly H_s of it while holding O(s + block) numbers.
import { CountSketch, type SketchSigns } from './count-sketch.js';
import { DivergenceError } from './divergence.js';
import { numpyArgsort } from './numpy-argsort.js';

/**
 * How top-s breaks exact ties in importance. 'index': the smaller index wins (a total order, so
 * streaming selection equals one-shot H_s). 'numpy': as the reference, which keeps the last s of NumPy's
 * unstable `argsort` of the importances of the whole candidate array (index order); it matters only when
 * equal magnitudes straddle the cut, e.g. coordinates of two hidden units with the same gate pattern.
 */
export type TiePolicy = 'index' | 'numpy';

/** A non-finite value reached a sparse vector: the iteration diverged (e.g. the reference's α = 2 rule). */
class NonFiniteError extends DivergenceError {
  constructor(
    readonly index: number,
    readonly value: number,
  ) {
    super('non-finite iterate', `non-finite value ${value} written at index ${index}`);
    this.name = 'NonFiniteError';
  }
}

/**
 * Order used for every top-s selection in the project: larger importance first, ties broken by
 * the smaller index. NaN (a count sketch that overflowed) ranks above every number, as NumPy's
 * argsort puts it last. A total order, so streaming selection equals one-shot selection.
 */
function moreImportant(impA: number, idxA: number, impB: number, idxB: number): boolean {
  if (Number.isNaN(impA)) return !Number.isNaN(impB) || idxA < idxB;
  if (Number.isNaN(impB)) return false;
  return impA > impB || (impA === impB && idxA < idxB);
}

export class SparseVector {
  readonly length: number;
  readonly capacity: number;
  readonly sketch: CountSketch | null;
  private idx: Int32Array;
  private val: Float64Array;
  private count = 0;

  constructor(
    length: number,
    capacity: number,
    sketch: CountSketch | null = null,
    readonly ties: TiePolicy = 'index',
  ) {
    if (!Number.isInteger(length) || length <= 0) throw new RangeError(`sparse vector length must be a positive integer, got ${length}`);
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`sparse vector capacity must be a positive integer, got ${capacity}`);
    this.length = length;
    this.capacity = Math.min(capacity, length); // reference: s := n when n < s
    this.sketch = sketch;
    this.idx = new Int32Array(this.capacity);
    this.val = new Float64Array(this.capacity);
  }

  static withSketch(length: number, capacity: number, signs: SketchSigns = 'hashed', ties: TiePolicy = 'index'): SparseVector {
    return new SparseVector(length, capacity, new CountSketch(length, Math.min(capacity, length), signs), ties);
  }

  /** Build from sorted, distinct indices (used for refined iterates and tests). */
  static fromEntries(length: number, capacity: number, indices: ArrayLike<number>, values: ArrayLike<number>): SparseVector {
    const v = new SparseVector(length, capacity);
    if (indices.length !== values.length) throw new RangeError('indices and values differ in length');
    if (indices.length > v.capacity) throw new RangeError(`${indices.length} entries exceed capacity ${v.capacity}`);
    for (let t = 0; t < indices.length; t++) {
      const i = indices[t]!;
      if (!Number.isInteger(i) || i < 0 || i >= length) throw new RangeError(`index ${i} out of range [0, ${length})`);
      if (t > 0 && i <= indices[t - 1]!) throw new RangeError('indices must be strictly increasing');
      v.idx[t] = i;
      v.val[t] = values[t]!;
    }
    v.count = indices.length;
    return v;
  }

  /** The nonzero entries of a dense vector (capacity: their count, at least 1). */
  static fromDense(x: ArrayLike<number>): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < x.length; i++)
      if (x[i] !== 0) {
        idx.push(i);
        val.push(x[i]!);
      }
    return SparseVector.fromEntries(x.length, Math.max(1, idx.length), idx, val);
  }

  /** A copy with the same entries and tie policy; the count sketch object is shared, as in the reference. */
  copy(): SparseVector {
    const v = new SparseVector(this.length, this.capacity, this.sketch, this.ties);
    v.idx.set(this.idx.subarray(0, this.count));
    v.val.set(this.val.subarray(0, this.count));
    v.count = this.count;
    return v;
  }

  get size(): number {
    return this.count;
  }

  /** Stored indices (a view: valid until the next write). */
  indices(): Int32Array {
    return this.idx.subarray(0, this.count);
  }

  /** Stored values (a view: valid until the next write). */
  values(): Float64Array {
    return this.val.subarray(0, this.count);
  }

  /** Bytes held: int32 indices and float64 values at capacity, plus the count sketch if any. */
  get bytes(): number {
    return this.idx.byteLength + this.val.byteLength + (this.sketch?.bytes ?? 0);
  }

  /** Number of stored entries whose value is nonzero. */
  nnz(): number {
    let c = 0;
    for (let t = 0; t < this.count; t++) if (this.val[t] !== 0) c++;
    return c;
  }

  at(i: number): number {
    const t = this.find(i);
    return t >= 0 ? this.val[t]! : 0;
  }

  /** Position of index i among the stored entries, or -1. */
  private find(i: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.idx[mid]!;
      if (v === i) return mid;
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** First stored position with index >= i. */
  lowerBound(i: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.idx[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Dense copy of entries [start, start + out.length) into out. */
  denseBlock(start: number, out: Float64Array): Float64Array {
    out.fill(0);
    const end = start + out.length;
    for (let t = this.lowerBound(start); t < this.count && this.idx[t]! < end; t++) out[this.idx[t]! - start] = this.val[t]!;
    return out;
  }

  /** True when no stored value in [start, start + len) is nonzero. */
  blockIsZero(start: number, len: number): boolean {
    const end = start + len;
    for (let t = this.lowerBound(start); t < this.count && this.idx[t]! < end; t++) if (this.val[t] !== 0) return false;
    return true;
  }

  /**
   * Write the dense block values[0..len) at [start, start+len) (reference `update_block`):
   * 1. deltas (if given) go into the count sketch; 2. stored entries are overwritten (zero kept);
   * 3. new nonzero entries are appended; 4-5. above capacity, the most important `capacity`
   * entries survive (|value|, or |sketch estimate| when a sketch is attached).
   */
  writeBlock(start: number, values: Float64Array, deltas?: Float64Array): void {
    const len = values.length;
    if (start < 0 || start + len > this.length) throw new RangeError(`block [${start}, ${start + len}) outside [0, ${this.length})`);
    if (deltas && this.sketch) for (let k = 0; k < len; k++) this.sketch.add(start + k, deltas[k]!);
    const end = start + len;
    const first = this.lowerBound(start);
    let last = first;
    while (last < this.count && this.idx[last]! < end) last++;
    const outside = this.count - (last - first);
    // A new entry that is less important than every stored entry outside the block cannot
    // survive when those alone fill the capacity: drop it before merging (keeps writes O(s + len)).
    // Under NumPy ties only strictly smaller entries go, so a tie at the cut stays visible.
    let floorImp = -1;
    let floorIdx = -1;
    if (outside >= this.capacity) {
      for (let t = 0; t < this.count; t++) {
        if (t >= first && t < last) continue;
        const im = this.importance(this.idx[t]!, this.val[t]!);
        if (floorIdx < 0 || moreImportant(floorImp, floorIdx, im, this.idx[t]!)) {
          floorImp = im;
          floorIdx = this.idx[t]!;
        }
      }
    }
    const mi = new Int32Array(this.count + len);
    const mv = new Float64Array(this.count + len);
    const merge = (prefilter: boolean): number => {
      let c = 0;
      for (let t = 0; t < first; t++) {
        mi[c] = this.idx[t]!;
        mv[c++] = this.val[t]!;
      }
      let t = first;
      for (let k = 0; k < len; k++) {
        const i = start + k;
        const x = values[k]!;
        if (!Number.isFinite(x)) throw new NonFiniteError(i, x);
        const stored = t < last && this.idx[t] === i;
        if (stored) t++;
        else if (x === 0 || (prefilter && floorIdx >= 0 && this.below(i, x, floorImp, floorIdx))) continue;
        mi[c] = i;
        mv[c++] = x;
      }
      for (let u = last; u < this.count; u++) {
        mi[c] = this.idx[u]!;
        mv[c++] = this.val[u]!;
      }
      return c;
    };
    let c = merge(true);
    if (c > this.capacity) {
      const kept = this.keepMostImportant(mi, mv, c);
      // NumPy's order decides only a tie at the cut; it depends on the whole candidate array, so rebuild it
      if (kept.tieAtCut && this.ties === 'numpy') c = this.keepLastOfNumpyArgsort(mi, mv, merge(false));
      else c = kept.count;
    }
    this.idx.set(mi.subarray(0, c));
    this.val.set(mv.subarray(0, c));
    this.count = c;
  }

  /** Whether a new entry (i, x) cannot reach the top `capacity` past the floor of the stored entries. */
  private below(i: number, x: number, floorImp: number, floorIdx: number): boolean {
    const im = this.importance(i, x);
    return this.ties === 'numpy' ? im < floorImp : !moreImportant(im, i, floorImp, floorIdx);
  }

  /** The reference's selection: keep the last `capacity` positions of NumPy's argsort of the importances (index order kept). */
  private keepLastOfNumpyArgsort(mi: Int32Array, mv: Float64Array, c: number): number {
    const imp = new Float64Array(c);
    for (let t = 0; t < c; t++) imp[t] = this.importance(mi[t]!, mv[t]!);
    const keep = numpyArgsort(imp)
      .subarray(c - this.capacity)
      .sort();
    for (let r = 0; r < keep.length; r++) {
      mi[r] = mi[keep[r]!]!;
      mv[r] = mv[keep[r]!]!;
    }
    return keep.length;
  }

  private importance(i: number, v: number): number {
    return this.sketch ? Math.abs(this.sketch.estimate(i)) : Math.abs(v);
  }

  /** Compact (mi, mv)[0..c) in place to its `capacity` most important entries, index order kept; `tieAtCut`:
   *  the least important survivor is exactly as important as the most important entry dropped, or a NaN competed. */
  private keepMostImportant(mi: Int32Array, mv: Float64Array, c: number): { count: number; tieAtCut: boolean } {
    const imp = new Float64Array(c);
    for (let t = 0; t < c; t++) imp[t] = this.importance(mi[t]!, mv[t]!);
    const drop = new Uint8Array(c);
    const excess = c - this.capacity;
    if (excess <= 16) {
      // Few to drop: repeated scans for the least important survivor.
      for (let e = 0; e < excess; e++) {
        let w = -1;
        for (let t = 0; t < c; t++) if (!drop[t] && (w < 0 || moreImportant(imp[w]!, mi[w]!, imp[t]!, mi[t]!))) w = t;
        drop[w] = 1;
      }
    } else {
      const order = Array.from({ length: c }, (_, t) => t);
      order.sort((a, b) => (moreImportant(imp[a]!, mi[a]!, imp[b]!, mi[b]!) ? -1 : 1));
      for (let r = this.capacity; r < c; r++) drop[order[r]!] = 1;
    }
    let minKept = Infinity;
    let maxDropped = -Infinity;
    let nan = false;
    let k = 0;
    for (let t = 0; t < c; t++) {
      nan ||= Number.isNaN(imp[t]!);
      if (drop[t]) maxDropped = Math.max(maxDropped, imp[t]!);
      else {
        minKept = Math.min(minKept, imp[t]!);
        mi[k] = mi[t]!;
        mv[k++] = mv[t]!;
      }
    }
    // with a NaN among the candidates NumPy's order (NaNs last, in its own order among them) decides
    return { count: k, tieAtCut: nan || minKept === maxDropped };
  }

  /** The entries with index < limit, as a vector of length `limit` (e.g. the W1 part of vector-output weights). */
  head(limit: number): SparseVector {
    let count = 0;
    while (count < this.count && this.idx[count]! < limit) count++;
    return SparseVector.fromEntries(limit, Math.max(1, count), this.idx.subarray(0, count), this.val.subarray(0, count));
  }

  /** Dense copy of the whole vector (tests and small instances only). */
  toDense(): Float64Array {
    return this.denseBlock(0, new Float64Array(this.length));
  }
}

/** H_s of a dense vector under the project's order (|value| desc, index asc); zeros are never kept. */
export function hardThreshold(x: Float64Array, s: number): SparseVector {
  const order = Array.from({ length: x.length }, (_, i) => i).filter((i) => x[i] !== 0);
  order.sort((a, b) => (moreImportant(Math.abs(x[a]!), a, Math.abs(x[b]!), b) ? -1 : 1));
  const keep = order.slice(0, Math.min(s, x.length)).sort((a, b) => a - b);
  return SparseVector.fromEntries(
    x.length,
    Math.max(1, Math.min(s, x.length)),
    keep,
    keep.map((i) => x[i]!),
  );
}
