// Streaming, memory-linear kernel: A is never formed, nor any n×s matrix. Each product walks the
// touched blocks, obtains each block's gate (computed from its generator: O(n·nnz(h_j))) as a bitset of
// active rows, and reads the needed columns of X directly.
// Memory traffic, not arithmetic, bounded the first version (every block re-streamed X), so:
//  - support-restricted products go through X in row chunks, every touched block visiting a chunk while
//    it sits in cache;
//  - the gradient sweep handles SWEEP_BATCH blocks per pass over X.
// Working memory: a gate, a bitset and a generator scratch, SWEEP_BATCH bitsets for the sweep, plus a
// gate cache (bitsets, n/8 bytes each) with a fixed byte budget (default 4 MiB) for the blocks that
// support-restricted products revisit; the cache refuses entries when full and empties when the
// generators change, so it never grows with m.
import type { Matrix } from '../linalg/matrix.js';
import { computeGate } from './gate.js';
import type { GeneratorSource } from './generators.js';
import type { KernelStats, LiftedKernel } from './kernel.js';

export const DEFAULT_GATE_CACHE_BYTES = 4 * 2 ** 20;
/** Rows per chunk (a multiple of 32: chunks are whole bitset words). */
export const DEFAULT_ROW_CHUNK = 256;
/** Blocks per pass over X in the full gradient sweep. */
export const SWEEP_BATCH = 16;

/** Support entries [a, b) of one block (column offset `shift`) and its gate bits. */
interface Run {
  a: number;
  b: number;
  shift: number;
  bits: Uint32Array;
}

export class StreamingKernel implements LiftedKernel {
  private source!: GeneratorSource;
  private readonly words: number;
  private readonly genScratch: Float64Array;
  private readonly gateScratch: Uint8Array;
  private readonly bitScratch: Uint32Array;
  private readonly batchBits: Uint32Array[] = [];
  private readonly cache = new Map<number, Uint32Array | null>();
  private cacheBytes = 0;
  private peak = 0;
  private largest = 0;
  private readonly chunkWords: number;

  constructor(private readonly x: Matrix, _m: number, source: GeneratorSource, private readonly cacheBudget = DEFAULT_GATE_CACHE_BYTES, rowChunk = DEFAULT_ROW_CHUNK) {
    this.words = Math.ceil(x.rows / 32);
    this.chunkWords = Math.max(1, Math.floor(rowChunk / 32));
    this.genScratch = new Float64Array(x.cols);
    this.gateScratch = new Uint8Array(x.rows);
    this.bitScratch = new Uint32Array(this.words);
    this.largest = Math.max(this.genScratch.byteLength, this.gateScratch.byteLength, this.bitScratch.byteLength);
    this.setSource(source);
  }

  setSource(source: GeneratorSource): void {
    this.source = source;
    this.cache.clear();
    this.cacheBytes = 0;
    this.notePeak();
  }

  private baseBytes(): number {
    return this.genScratch.byteLength + this.gateScratch.byteLength + this.bitScratch.byteLength + this.batchBits.length * 4 * this.words;
  }

  private notePeak(): void {
    this.peak = Math.max(this.peak, this.baseBytes() + this.cacheBytes);
  }

  /** Gate of block j as a bitset written into `into`; false for a zero block. */
  private computeBits(j: number, into: Uint32Array): boolean {
    if (this.source.isDead(j)) return false;
    const g = this.gateScratch;
    computeGate(this.x, this.source.view(j, this.genScratch), g);
    into.fill(0);
    for (let i = 0; i < this.x.rows; i++) if (g[i]) into[i >>> 5]! |= 1 << (i & 31);
    return true;
  }

  /** Cached gate bits of block j, caching them if the budget allows; undefined = not cacheable now. */
  private cachedBits(j: number): Uint32Array | null | undefined {
    const hit = this.cache.get(j);
    if (hit !== undefined) return hit;
    if (this.source.isDead(j)) {
      this.cache.set(j, null);
      return null;
    }
    if (this.cacheBytes + 4 * this.words > this.cacheBudget) return undefined;
    const bits = new Uint32Array(this.words);
    this.computeBits(j, bits);
    this.cache.set(j, bits);
    this.cacheBytes += bits.byteLength;
    this.largest = Math.max(this.largest, bits.byteLength);
    this.notePeak();
    return bits;
  }

  gate(j: number, out: Uint8Array): Uint8Array {
    out.fill(0, 0, this.x.rows);
    const bits = this.cache.get(j) ?? (this.computeBits(j, this.bitScratch) ? this.bitScratch : null);
    if (bits) for (let i = 0; i < this.x.rows; i++) out[i] = (bits[i >>> 5]! >>> (i & 31)) & 1;
    return out;
  }

  adjointBlock(j: number, r: Float64Array, out: Float64Array): void {
    this.adjointBlocks(j, 1, r, out);
  }

  /**
   * Split T into runs by block. Runs whose gate is cached come back (processed chunk by chunk by the
   * caller); the others are handed to `now` one at a time with the shared scratch bits.
   */
  private runsOf(idx: ArrayLike<number>, count: number, now: (run: Run) => void): Run[] {
    const d = this.x.cols;
    const cached: Run[] = [];
    for (let a = 0; a < count; ) {
      const j = Math.floor(idx[a]! / d);
      let b = a;
      while (b < count && idx[b]! < (j + 1) * d) b++;
      const bits = this.cachedBits(j);
      if (bits) cached.push({ a, b, shift: j * d, bits });
      else if (bits === undefined && this.computeBits(j, this.bitScratch)) now({ a, b, shift: j * d, bits: this.bitScratch });
      a = b;
    }
    return cached;
  }

  // The products below repeat their loop nest on purpose: a per-row callback is not inlined by V8 and
  // cost as much as the chunking saved. Rows are the set bits of a gate: w & −w isolates the lowest.

  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void {
    const { rows: n, cols: d, data } = this.x;
    out.fill(0, 0, n);
    const words = this.words;
    const runWords = (run: Run, w0: number, w1: number) => {
      const { a, b, shift, bits } = run;
      for (let wi = w0; wi < w1; wi++) {
        let w = bits[wi]!;
        while (w !== 0) {
          const low = w & -w;
          w ^= low;
          const i = (wi << 5) + 31 - Math.clz32(low);
          const base = i * d - shift;
          let s = 0;
          for (let t = a; t < b; t++) s += data[base + idx[t]!]! * val[t]!;
          out[i]! += s;
        }
      }
    };
    const cached = this.runsOf(idx, count, (run) => runWords(run, 0, words));
    for (let w0 = 0; w0 < words; w0 += this.chunkWords) {
      const w1 = Math.min(words, w0 + this.chunkWords);
      for (let k = 0; k < cached.length; k++) runWords(cached[k]!, w0, w1);
    }
  }

  adjointSupport(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void {
    const { cols: d, data } = this.x;
    out.fill(0, 0, count);
    const words = this.words;
    const runWords = (run: Run, w0: number, w1: number) => {
      const { a, b, shift, bits } = run;
      for (let wi = w0; wi < w1; wi++) {
        let w = bits[wi]!;
        while (w !== 0) {
          const low = w & -w;
          w ^= low;
          const i = (wi << 5) + 31 - Math.clz32(low);
          const ri = r[i]!;
          if (ri === 0) continue;
          const base = i * d - shift;
          for (let t = a; t < b; t++) out[t]! += data[base + idx[t]!]! * ri;
        }
      }
    };
    const cached = this.runsOf(idx, count, (run) => runWords(run, 0, words));
    for (let w0 = 0; w0 < words; w0 += this.chunkWords) {
      const w1 = Math.min(words, w0 + this.chunkWords);
      for (let k = 0; k < cached.length; k++) runWords(cached[k]!, w0, w1);
    }
  }

  /** out[(j − j0)·d + c] = (A_jᵀ r)[c] for j0 ≤ j < j0 + count, SWEEP_BATCH blocks per pass over X. */
  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): void {
    const { cols: d, data } = this.x;
    const words = this.words;
    out.fill(0, 0, count * d);
    for (let c0 = 0; c0 < count; c0 += SWEEP_BATCH) {
      const c1 = Math.min(count, c0 + SWEEP_BATCH);
      const live: Array<{ bits: Uint32Array; off: number }> = [];
      for (let c = c0; c < c1; c++) {
        const hit = this.cache.get(j0 + c);
        if (hit === null) continue;
        if (hit) { live.push({ bits: hit, off: c * d }); continue; }
        while (this.batchBits.length <= c - c0) {
          this.batchBits.push(new Uint32Array(words));
          this.notePeak();
        }
        const bits = this.batchBits[c - c0]!;
        if (this.computeBits(j0 + c, bits)) live.push({ bits, off: c * d });
      }
      for (let w0 = 0; w0 < words; w0 += this.chunkWords) {
        const w1 = Math.min(words, w0 + this.chunkWords);
        for (let k = 0; k < live.length; k++) {
          const { bits, off } = live[k]!;
          for (let wi = w0; wi < w1; wi++) {
            let w = bits[wi]!;
            while (w !== 0) {
              const low = w & -w;
              w ^= low;
              const i = (wi << 5) + 31 - Math.clz32(low);
              const ri = r[i]!;
              if (ri === 0) continue;
              const base = i * d;
              for (let e = 0; e < d; e++) out[off + e]! += data[base + e]! * ri;
            }
          }
        }
      }
    }
  }

  stats(): KernelStats {
    return { workingBytes: this.baseBytes() + this.cacheBytes, peakWorkingBytes: this.peak, largestAllocationBytes: this.largest };
  }
}
