// Sparse ReLU MLP without biases. A layer stores, per output unit, its incoming weights as a
// sparse column. Scalar output ('sum'): the last hidden layer's activations are summed (output
// weights fixed to +1, as in the reference's planted model and its scalar IHT network).
// Vector output ('linear'): the last layer is linear, no ReLU.
import type { SparseVector } from '../sparse/sparse-vector.js';
import type { Matrix } from '../linalg/matrix.js';

export interface SparseColumn {
  readonly idx: Int32Array;
  readonly val: Float64Array;
}

export interface SparseLayer {
  readonly inDim: number;
  readonly units: readonly SparseColumn[];
}

export interface SparseMLP {
  /** Hidden layers (ReLU), then, for 'linear' output, one linear output layer at the end. */
  readonly layers: readonly SparseLayer[];
  readonly output: 'sum' | 'linear';
}

function outDim(net: SparseMLP): number {
  return net.output === 'sum' ? 1 : net.layers[net.layers.length - 1]!.units.length;
}

export function layerNnz(layer: SparseLayer): number {
  let c = 0;
  for (const u of layer.units) for (let t = 0; t < u.val.length; t++) if (u.val[t] !== 0) c++;
  return c;
}

export function nnz(net: SparseMLP): number {
  return net.layers.reduce((acc, l) => acc + layerNnz(l), 0);
}

/** h (rows × inDim) → rows × units, optionally followed by ReLU. Float64 accumulation. */
export function applyLayer(h: Matrix, layer: SparseLayer, relu: boolean): Matrix {
  if (h.cols !== layer.inDim) throw new RangeError(`layer expects ${layer.inDim} inputs, got ${h.cols}`);
  const k = layer.units.length;
  const out = new Float64Array(h.rows * k);
  const src = h.data;
  for (let i = 0; i < h.rows; i++) {
    const base = i * h.cols;
    for (let u = 0; u < k; u++) {
      const col = layer.units[u]!;
      let s = 0;
      for (let t = 0; t < col.idx.length; t++) s += src[base + col.idx[t]!]! * col.val[t]!;
      out[i * k + u] = relu && s < 0 ? 0 : s;
    }
  }
  return { rows: h.rows, cols: k, data: out };
}

/**
 * Forward pass: rows × outDim (row-major). Streams one input row at a time through every layer, so
 * it holds one row of activations per layer, never the n × width hidden matrix.
 */
export function forward(net: SparseMLP, x: Matrix): Float64Array {
  const first = net.layers[0];
  if (first && x.cols !== first.inDim) throw new RangeError(`network expects ${first.inDim} inputs, got ${x.cols}`);
  const k = outDim(net);
  const out = new Float64Array(x.rows * k);
  const acts = net.layers.map((l) => new Float64Array(l.units.length));
  const row = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let c = 0; c < x.cols; c++) row[c] = x.data[i * x.cols + c]!;
    let h: Float64Array = row;
    net.layers.forEach((layer, l) => {
      const a = acts[l]!;
      const relu = !(net.output === 'linear' && l === net.layers.length - 1);
      layer.units.forEach((col, u) => {
        let s = 0;
        for (let t = 0; t < col.idx.length; t++) s += h[col.idx[t]!]! * col.val[t]!;
        a[u] = relu && s < 0 ? 0 : s;
      });
      h = a;
    });
    if (net.output === 'linear') out.set(h, i * k);
    else {
      let s = 0;
      for (let u = 0; u < h.length; u++) s += h[u]!;
      out[i] = s;
    }
  }
  return out;
}

/** Build a layer from a dense row-major (inDim × units) matrix: column u = incoming weights of unit u. */
export function layerFromDense(inDim: number, units: number, w: Float64Array): SparseLayer {
  const cols: SparseColumn[] = [];
  for (let u = 0; u < units; u++) {
    const idx: number[] = [];
    const val: number[] = [];
    for (let r = 0; r < inDim; r++) {
      const v = w[r * units + u]!;
      if (v !== 0) {
        idx.push(r);
        val.push(v);
      }
    }
    cols.push({ idx: Int32Array.from(idx), val: Float64Array.from(val) });
  }
  return { inDim, units: cols };
}

/** Block j of a lifted vector as a sparse column with local indices (nonzeros only). */
export function blocksOf(w: SparseVector, d: number, m: number): SparseColumn[] {
  const idx: number[][] = Array.from({ length: m }, () => []);
  const val: number[][] = Array.from({ length: m }, () => []);
  const wi = w.indices();
  const wv = w.values();
  for (let t = 0; t < wi.length; t++) {
    const j = Math.floor(wi[t]! / d);
    if (j >= m || wv[t] === 0) continue;
    idx[j]!.push(wi[t]! % d);
    val[j]!.push(wv[t]!);
  }
  return idx.map((ix, j) => ({ idx: Int32Array.from(ix), val: Float64Array.from(val[j]!) }));
}
