// Streaming, memory-linear kernel: A is never formed, nor any n×s matrix. Each product walks the
// touched blocks, obtains the block's gate (computed from its generator: O(n·nnz(h_j))), and
// reads the needed columns of X directly. Working memory: one gate and one generator scratch,
// plus a gate cache with a fixed byte budget (default 4 MiB) for the blocks that support-restricted
// products revisit many times per step; the cache refuses new entries when full and is cleared
// whenever the generators change, so it never grows with m.
import type { Matrix } from '../linalg/matrix.js';
import { computeGate } from './gate.js';
import type { GeneratorSource } from './generators.js';
import type { KernelStats, LiftedKernel } from './kernel.js';

export const DEFAULT_GATE_CACHE_BYTES = 4 * 2 ** 20;

export class StreamingKernel implements LiftedKernel {
  private source!: GeneratorSource;
  private readonly genScratch: Float64Array;
  private readonly gateScratch: Uint8Array;
  private readonly cache = new Map<number, Uint8Array | null>();
  private cacheBytes = 0;
  private peak = 0;
  private largest = 0;

  constructor(private readonly x: Matrix, private readonly m: number, source: GeneratorSource, private readonly cacheBudget = DEFAULT_GATE_CACHE_BYTES) {
    this.genScratch = new Float64Array(x.cols);
    this.gateScratch = new Uint8Array(x.rows);
    this.largest = Math.max(this.genScratch.byteLength, this.gateScratch.byteLength);
    this.setSource(source);
  }

  setSource(source: GeneratorSource): void {
    this.source = source;
    this.cache.clear();
    this.cacheBytes = 0;
    this.notePeak();
  }

  private baseBytes(): number {
    return this.genScratch.byteLength + this.gateScratch.byteLength;
  }

  private notePeak(): void {
    this.peak = Math.max(this.peak, this.baseBytes() + this.cacheBytes);
  }

  /** Gate of block j, or null when the block is zero. Cacheable gates are kept while the budget allows. */
  private gateOf(j: number, cacheable: boolean): Uint8Array | null {
    const hit = this.cache.get(j);
    if (hit !== undefined) return hit;
    if (this.source.isDead(j)) {
      if (cacheable) this.cache.set(j, null);
      return null;
    }
    const n = this.x.rows;
    if (cacheable && this.cacheBytes + n <= this.cacheBudget) {
      const g = new Uint8Array(n);
      computeGate(this.x, this.source.view(j, this.genScratch), g);
      this.cache.set(j, g);
      this.cacheBytes += n;
      this.largest = Math.max(this.largest, n);
      this.notePeak();
      return g;
    }
    computeGate(this.x, this.source.view(j, this.genScratch), this.gateScratch);
    return this.gateScratch;
  }

  gate(j: number, out: Uint8Array): Uint8Array {
    const g = this.gateOf(j, false);
    if (g === null) out.fill(0, 0, this.x.rows);
    else out.set(g.subarray(0, this.x.rows));
    return out;
  }

  adjointBlock(j: number, r: Float64Array, out: Float64Array): void {
    const { rows: n, cols: d, data } = this.x;
    out.fill(0, 0, d);
    const g = this.gateOf(j, false);
    if (g === null) return;
    for (let i = 0, base = 0; i < n; i++, base += d) {
      if (!g[i]) continue;
      const ri = r[i]!;
      if (ri === 0) continue;
      for (let c = 0; c < d; c++) out[c]! += data[base + c]! * ri;
    }
  }

  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void {
    const { rows: n, cols: d, data } = this.x;
    out.fill(0, 0, n);
    for (let a = 0; a < count; ) {
      const j = Math.floor(idx[a]! / d);
      let b = a;
      while (b < count && idx[b]! < (j + 1) * d) b++;
      const g = this.gateOf(j, true);
      if (g !== null) {
        const shift = j * d;
        for (let i = 0, base = -shift; i < n; i++, base += d) {
          if (!g[i]) continue;
          let s = 0;
          for (let t = a; t < b; t++) s += data[base + idx[t]!]! * val[t]!;
          out[i]! += s;
        }
      }
      a = b;
    }
  }

  adjointSupport(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void {
    const { rows: n, cols: d, data } = this.x;
    out.fill(0, 0, count);
    for (let a = 0; a < count; ) {
      const j = Math.floor(idx[a]! / d);
      let b = a;
      while (b < count && idx[b]! < (j + 1) * d) b++;
      const g = this.gateOf(j, true);
      if (g !== null) {
        const shift = j * d;
        for (let i = 0, base = -shift; i < n; i++, base += d) {
          if (!g[i]) continue;
          const ri = r[i]!;
          if (ri === 0) continue;
          for (let t = a; t < b; t++) out[t]! += data[base + idx[t]!]! * ri;
        }
      }
      a = b;
    }
  }

  stats(): KernelStats {
    return { workingBytes: this.baseBytes() + this.cacheBytes, peakWorkingBytes: this.peak, largestAllocationBytes: this.largest };
  }
}
