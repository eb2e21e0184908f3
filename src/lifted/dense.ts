// Dense oracle kernel: materialises A = [D(h_1)X | … | D(h_m)X] (n × m·d, float64) and computes
// every product by plain column loops. Small sizes only: it is the test oracle.
import type { Matrix } from '../linalg/matrix.js';
import { computeGate } from './gate.js';
import type { GeneratorSource } from './generators.js';
import type { KernelStats, LiftedKernel } from './kernel.js';

/** The dense kernel refuses instances with more entries than this (2^24 entries = 128 MiB of float64). */
export const DENSE_MAX_ENTRIES = 2 ** 24;

export class DenseKernel implements LiftedKernel {
  private a: Float64Array;
  private readonly cols: number;
  private source!: GeneratorSource;
  private peak = 0;

  constructor(
    private readonly x: Matrix,
    private readonly m: number,
    source: GeneratorSource,
  ) {
    this.cols = m * x.cols;
    const entries = x.rows * this.cols;
    if (entries > DENSE_MAX_ENTRIES) {
      throw new RangeError(`dense kernel refuses n·m·d = ${x.rows}·${m}·${x.cols} = ${entries} entries (limit ${DENSE_MAX_ENTRIES}); use the streaming kernel`);
    }
    this.a = new Float64Array(entries);
    this.setSource(source);
  }

  setSource(source: GeneratorSource): void {
    this.source = source;
    const { rows: n, cols: d, data } = this.x;
    const gate = new Uint8Array(n);
    const scratch = new Float64Array(d);
    this.a.fill(0);
    for (let j = 0; j < this.m; j++) {
      computeGate(this.x, source.view(j, scratch), gate);
      for (let i = 0; i < n; i++) {
        if (!gate[i]) continue;
        for (let c = 0; c < d; c++) this.a[i * this.cols + j * d + c] = data[i * d + c]!;
      }
    }
    this.peak = Math.max(this.peak, this.a.byteLength);
  }

  gate(j: number, out: Uint8Array): Uint8Array {
    computeGate(this.x, this.source.view(j, new Float64Array(this.x.cols)), out);
    return out;
  }

  gateWords(j: number, out: Uint32Array): Uint32Array {
    const g = this.gate(j, new Uint8Array(this.x.rows));
    out.fill(0);
    for (let i = 0; i < this.x.rows; i++) if (g[i]) out[i >>> 5]! |= 1 << (i & 31);
    return out;
  }

  adjointBlock(j: number, r: Float64Array, out: Float64Array): void {
    const d = this.x.cols;
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let i = 0; i < this.x.rows; i++) s += this.a[i * this.cols + j * d + c]! * r[i]!;
      out[c] = s;
    }
  }

  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): void {
    const d = this.x.cols;
    for (let c = 0; c < count; c++) this.adjointBlock(j0 + c, r, out.subarray(c * d, (c + 1) * d));
  }

  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void {
    for (let i = 0; i < this.x.rows; i++) {
      let s = 0;
      for (let t = 0; t < count; t++) s += this.a[i * this.cols + idx[t]!]! * val[t]!;
      out[i] = s;
    }
  }

  adjointSupport(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void {
    for (let t = 0; t < count; t++) {
      let s = 0;
      for (let i = 0; i < this.x.rows; i++) s += this.a[i * this.cols + idx[t]!]! * r[i]!;
      out[t] = s;
    }
  }

  stats(): KernelStats {
    return { workingBytes: this.a.byteLength, peakWorkingBytes: this.peak, largestAllocationBytes: this.a.byteLength, engine: null };
  }
}
