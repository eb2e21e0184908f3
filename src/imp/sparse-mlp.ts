// The IMP network trained in masked-sparse form: only the surviving weights are stored, multiplied,
// differentiated (SDDMM) and given Adam moments. Same model, same batches, same Adam as DenseMlp
// (./mlp.ts): a pruned weight has zero gradient and zero moments there, so only float32 rounding
// differs (the products sum in another order). Kernels: ./sparse-wat.ts, WebAssembly SIMD.
import type { Matrix } from '../linalg/matrix.js';
import { ADAM_DEFAULTS, type AdamParams, type Loss } from './mlp.js';
import { compileWat } from '../lifted/wasm/wat.js';
import { ROWS_PER_BLOCK, sparseImpWat } from './sparse-wat.js';

interface Exports {
  spmm(ptr: number, idx: number, val: number, nout: number, input: number, nin: number, blocks: number, out: number): void;
  sddmm(ptr: number, idx: number, nout: number, input: number, nin: number, g: number, blocks: number, acc: number, grad: number): void;
  relu(z: number, a: number, len: number): void;
  relu_grad(g: number, z: number, len: number): void;
}

async function compileSparseImp(): Promise<WebAssembly.Module | null> {
  try {
    return await compileWat('sparse-imp.wat', sparseImpWat());
  } catch {
    return null;
  }
}

/** The compiled kernels, or null where this Node cannot run WebAssembly SIMD (IMP then stays dense). */
export const sparseImpModule: WebAssembly.Module | null = await compileSparseImp();

const PAGE = 65536;
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
const padRows = (rows: number) => Math.ceil(rows / ROWS_PER_BLOCK) * ROWS_PER_BLOCK;
/** Position of (unit, row) in a row-blocked array of `units` units (./sparse-wat.ts). */
const at = (units: number, unit: number, row: number) => (((row / ROWS_PER_BLOCK) | 0) * units + unit) * ROWS_PER_BLOCK + (row % ROWS_PER_BLOCK);

/** One layer's surviving weights, by output (CSC) and by input (CSR), as byte offsets into the memory. */
interface SparseLayer {
  fanIn: number;
  fanOut: number;
  nnz: number;
  /** CSC: ptr (fanOut + 1), idx (input unit), val, grad */
  ptr: number;
  idx: number;
  val: number;
  grad: number;
  /** CSR: ptrT (fanIn + 1), idxT (output unit), valT (val gathered through perm) */
  ptrT: number;
  idxT: number;
  valT: number;
  /** CSR position → CSC position */
  perm: Int32Array;
  /** dense position of each CSC entry */
  dense: Int32Array;
  m1: Float32Array;
  m2: Float32Array;
  /** pre-activation z (fanOut × bp) and this layer's input a (fanIn × bp; layer 0: the batch) */
  z: number;
  a: number;
}

/** A round's batches, feature-major and padded, in the module's memory (x) and on the host (y). */
interface SparseBatch {
  rows: number;
  bp: number;
  x: number;
  y: Float32Array;
}

export class SparseMlp {
  private readonly k: Exports;
  private readonly memory: WebAssembly.Memory;
  private f32!: Float32Array;
  private i32!: Int32Array;
  private layers: SparseLayer[] = [];
  private readonly bpMax: number;
  private readonly g0: number;
  private readonly g1: number;
  /** f32x4 partial sums of the weight gradient, one per stored weight */
  private readonly accAt: number;
  private readonly dataAt: number;
  private batches: SparseBatch[] = [];
  private t = 0;

  /** `maxBatch`: the most rows one step trains on. */
  constructor(
    module: WebAssembly.Module,
    readonly shapes: ReadonlyArray<readonly [number, number]>,
    maxBatch: number,
    readonly adam: AdamParams = ADAM_DEFAULTS,
  ) {
    this.bpMax = padRows(maxBatch);
    const rowBytes = 4 * this.bpMax;
    let end = 0;
    const take = (bytes: number) => {
      const p = end;
      end += align(bytes);
      return p;
    };
    const maxWidth = Math.max(...shapes.flat());
    this.layers = shapes.map(([fanIn, fanOut], l) => ({
      fanIn,
      fanOut,
      nnz: 0,
      ptr: take(4 * (fanOut + 1)),
      idx: take(4 * fanIn * fanOut),
      val: take(4 * fanIn * fanOut),
      grad: take(4 * fanIn * fanOut),
      ptrT: take(4 * (fanIn + 1)),
      idxT: take(4 * fanIn * fanOut),
      valT: take(4 * fanIn * fanOut),
      perm: new Int32Array(0),
      dense: new Int32Array(0),
      m1: new Float32Array(0),
      m2: new Float32Array(0),
      z: take(fanOut * rowBytes),
      a: l === 0 ? -1 : take(fanIn * rowBytes),
    }));
    this.g0 = take(maxWidth * rowBytes);
    this.g1 = take(maxWidth * rowBytes);
    this.accAt = take(16 * Math.max(...shapes.map(([i, o]) => i * o)));
    this.dataAt = end;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) + 1 });
    this.k = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as Exports;
    this.refresh();
  }

  private refresh(): void {
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
  }

  /** Replace weights and masks: only the entries whose mask bit is set are kept. */
  load(values: readonly Float32Array[], masks: readonly Uint8Array[]): void {
    const f32 = this.f32;
    const i32 = this.i32;
    this.layers.forEach((L, l) => {
      const v = values[l]!;
      const mk = masks[l]!;
      const { fanIn, fanOut } = L;
      // CSC by output o: entries (i, o) in increasing i; dense [in, out] row-major position i·fanOut + o
      let nnz = 0;
      const dense: number[] = [];
      for (let o = 0; o < fanOut; o++) {
        i32[L.ptr / 4 + o] = nnz;
        for (let i = 0; i < fanIn; i++) {
          const p = i * fanOut + o;
          if (!mk[p]) continue;
          i32[L.idx / 4 + nnz] = i;
          f32[L.val / 4 + nnz] = v[p]!;
          dense.push(p);
          nnz++;
        }
      }
      i32[L.ptr / 4 + fanOut] = nnz;
      L.nnz = nnz;
      L.dense = Int32Array.from(dense);
      // CSR by input i: its entries in increasing o, pointing back at their CSC position
      const count = new Int32Array(fanIn + 1);
      for (let t = 0; t < nnz; t++) count[i32[L.idx / 4 + t]! + 1]!++;
      for (let i = 0; i < fanIn; i++) count[i + 1]! += count[i]!;
      for (let i = 0; i <= fanIn; i++) i32[L.ptrT / 4 + i] = count[i]!;
      const next = count.slice(0, fanIn);
      L.perm = new Int32Array(nnz);
      for (let o = 0; o < fanOut; o++)
        for (let t = i32[L.ptr / 4 + o]!; t < i32[L.ptr / 4 + o + 1]!; t++) {
          const i = i32[L.idx / 4 + t]!;
          const q = next[i]!++;
          i32[L.idxT / 4 + q] = o;
          L.perm[q] = t;
        }
    });
    this.resetOptimizer();
  }

  /** A fresh Adam: moments for the survivors only. */
  resetOptimizer(): void {
    for (const L of this.layers) {
      L.m1 = new Float32Array(L.nnz);
      L.m2 = new Float32Array(L.nnz);
    }
    this.t = 0;
  }

  /** Host copies of the weights, dense [in, out] (pruned entries 0). */
  read(): Float32Array[] {
    return this.layers.map((L) => {
      const w = new Float32Array(L.fanIn * L.fanOut);
      const val = this.f32.subarray(L.val / 4, L.val / 4 + L.nnz);
      for (let t = 0; t < L.nnz; t++) w[L.dense[t]!] = val[t]!;
      return w;
    });
  }

  /** Lay out a round's batches: `rows` of x (and of y, k columns) in `order`, `size` rows per batch (0: all). */
  setBatches(x: Matrix, y: Float64Array, k: number, size: number, order: Int32Array | null): number {
    const n = x.rows;
    const d = x.cols;
    const rows = size > 0 ? size : n;
    const plan: Array<[number, number]> = [];
    for (let a = 0; a < n; a += rows) plan.push([a, Math.min(n, a + rows)]);
    const need = this.dataAt + plan.reduce((s, [a, b]) => s + align(4 * d * padRows(b - a)), 0);
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / PAGE));
      this.refresh();
    }
    const f32 = this.f32;
    let next = this.dataAt;
    this.batches = plan.map(([a, b]) => {
      const B = b - a;
      const bp = padRows(B);
      const base = next / 4;
      f32.fill(0, base, base + d * bp);
      const yb = new Float32Array(k * bp);
      for (let r = 0; r < B; r++) {
        const src = order ? order[a + r]! : a + r;
        for (let c = 0; c < d; c++) f32[base + at(d, c, r)] = x.data[src * d + c]!;
        for (let o = 0; o < k; o++) yb[at(k, o, r)] = y[src * k + o]!;
      }
      const batch = { rows: B, bp, x: next, y: yb };
      next += align(4 * d * bp);
      return batch;
    });
    return this.batches.length;
  }

  releaseBatches(): void {
    this.batches = [];
  }

  /** One Adam step on batch `b` of the current round. Returns the loss. */
  step(b: number, loss: Loss): number {
    const batch = this.batches[b]!;
    const { bp } = batch;
    const blocks = bp / ROWS_PER_BLOCK;
    const last = this.layers.length - 1;
    // forward
    this.layers.forEach((L, l) => {
      const input = l === 0 ? batch.x : L.a;
      this.k.spmm(L.ptr, L.idx, L.val, L.fanOut, input, L.fanIn, blocks, L.z);
      if (l < last) this.k.relu(L.z, this.layers[l + 1]!.a, L.fanOut * bp);
    });
    const value = this.lossGradient(this.layers[last]!, batch, loss, this.g0);
    // backward: gradient at the survivors, then the input gradient through the ReLU
    let g = this.g0;
    let spare = this.g1;
    for (let l = last; l >= 0; l--) {
      const L = this.layers[l]!;
      this.k.sddmm(L.ptr, L.idx, L.fanOut, l === 0 ? batch.x : L.a, L.fanIn, g, blocks, this.accAt, L.grad);
      if (l === 0) break;
      const valT = this.f32.subarray(L.valT / 4, L.valT / 4 + L.nnz);
      const val = this.f32.subarray(L.val / 4, L.val / 4 + L.nnz);
      for (let q = 0; q < L.nnz; q++) valT[q] = val[L.perm[q]!]!;
      this.k.spmm(L.ptrT, L.idxT, L.valT, L.fanIn, g, L.fanOut, blocks, spare);
      this.k.relu_grad(spare, this.layers[l - 1]!.z, L.fanIn * bp);
      [g, spare] = [spare, g];
    }
    this.adamStep();
    return value;
  }

  /** Loss of the output block and its gradient (into `g`, k × bp, padded rows 0), in DenseMlp's float32 operations. */
  private lossGradient(L: SparseLayer, batch: SparseBatch, loss: Loss, g: number): number {
    const { bp, rows: B, y } = batch;
    const k = L.fanOut;
    const z = this.f32.subarray(L.z / 4, L.z / 4 + k * bp);
    const out = this.f32.subarray(g / 4, g / 4 + k * bp);
    out.fill(0);
    const fr = Math.fround;
    let total = 0;
    if (loss === 'mse') {
      const scale = fr(2 / (B * k));
      for (let r = 0; r < B; r++)
        for (let o = 0; o < k; o++) {
          const p = at(k, o, r);
          const diff = fr(z[p]! - y[p]!);
          total += fr(diff * diff);
          out[p] = fr(diff * scale);
        }
      return total / (B * k);
    }
    const n = fr(B);
    for (let r = 0; r < B; r++) {
      const p0 = at(k, 0, r);
      let max = -Infinity;
      for (let o = 0; o < k; o++) max = Math.max(max, z[p0 + o * ROWS_PER_BLOCK]!);
      let sum = 0;
      for (let o = 0; o < k; o++) sum += Math.exp(z[p0 + o * ROWS_PER_BLOCK]! - max);
      const logSum = Math.log(sum);
      for (let o = 0; o < k; o++) {
        const p = p0 + o * ROWS_PER_BLOCK;
        const logp = fr(z[p]! - max - logSum);
        total += y[p]! * logp;
        out[p] = fr(fr(fr(Math.exp(logp)) - y[p]!) / n);
      }
    }
    return -total / B;
  }

  /** Adam at the survivors, each operation rounded to float32 as DenseMlp's tensor ops are. */
  private adamStep(): void {
    this.t++;
    const fr = Math.fround;
    const { lr, beta1, beta2, eps } = this.adam;
    const b1 = fr(beta1);
    const c1 = fr(1 - beta1);
    const b2 = fr(beta2);
    const c2 = fr(1 - beta2);
    const sq2 = fr(Math.sqrt(1 - beta2 ** this.t));
    const step = fr(lr / (1 - beta1 ** this.t));
    const e = fr(eps);
    const f32 = this.f32;
    for (const L of this.layers) {
      const { m1, m2 } = L;
      const v0 = L.val / 4;
      const g0 = L.grad / 4;
      for (let t = 0; t < L.nnz; t++) {
        const g = f32[g0 + t]!;
        const a = fr(fr(m1[t]! * b1) + fr(g * c1));
        const b = fr(fr(m2[t]! * b2) + fr(fr(g * g) * c2));
        m1[t] = a;
        m2[t] = b;
        const denom = fr(fr(fr(Math.sqrt(b)) / sq2) + e);
        f32[v0 + t] = fr(f32[v0 + t]! - fr(fr(a / denom) * step));
      }
    }
  }
}
