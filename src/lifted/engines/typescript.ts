// The streaming kernel's arithmetic in plain TypeScript: the oracle the WebAssembly engine is tested
// against, bit for bit, and the fallback where WebAssembly SIMD is unavailable.
// The loops repeat their nest on purpose: a per-row callback is not inlined by V8. Rows are the set
// bits of a gate, lowest first: w & −w isolates the lowest.
import type { Matrix } from '../../linalg/matrix.js';
import { computeGate } from '../gate.js';
import type { GeneratorView } from '../generators.js';
import type { StreamingEngine } from './engine.js';

export class TypeScriptEngine implements StreamingEngine {
  readonly name = 'typescript' as const;
  private readonly words: number;
  private readonly slots: Array<Uint32Array | null> = [];
  private readonly free: number[] = [];
  private readonly gateScratch: Uint8Array;
  private idx: ArrayLike<number> = [];
  private val: ArrayLike<number> = [];
  private r: Float64Array = new Float64Array(0);
  private out: Float64Array = new Float64Array(0);

  constructor(private readonly x: Matrix) {
    this.words = Math.ceil(x.rows / 32);
    this.gateScratch = new Uint8Array(x.rows);
  }

  allocBits(): number {
    const slot = this.free.pop();
    if (slot !== undefined) {
      this.slots[slot] = new Uint32Array(this.words);
      return slot;
    }
    this.slots.push(new Uint32Array(this.words));
    return this.slots.length - 1;
  }

  releaseBits(slot: number): void {
    this.slots[slot] = null;
    this.free.push(slot);
  }

  private bits(slot: number): Uint32Array {
    const b = this.slots[slot];
    if (!b) throw new Error(`typescript engine: bitset slot ${slot} is not allocated`);
    return b;
  }

  writeGate(view: Exclude<GeneratorView, { kind: 'dead' }>, slot: number): void {
    const g = this.gateScratch;
    const into = this.bits(slot);
    computeGate(this.x, view, g);
    into.fill(0);
    for (let i = 0; i < this.x.rows; i++) if (g[i]) into[i >>> 5]! |= 1 << (i & 31);
  }

  readGate(slot: number, out: Uint8Array): void {
    const bits = this.bits(slot);
    for (let i = 0; i < this.x.rows; i++) out[i] = (bits[i >>> 5]! >>> (i & 31)) & 1;
  }

  readGateWords(slot: number, out: Uint32Array): void {
    out.set(this.bits(slot));
  }

  beginApply(idx: ArrayLike<number>, val: ArrayLike<number>, _count: number, out: Float64Array): void {
    this.idx = idx;
    this.val = val;
    this.out = out;
    out.fill(0, 0, this.x.rows);
  }

  applyRun(slot: number, w0: number, w1: number, a: number, b: number): void {
    const { cols: d, data } = this.x;
    const { idx, val, out } = this;
    const bits = this.bits(slot);
    const shift = Math.floor(idx[a]! / d) * d;
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
  }

  endApply(): void {}

  beginAdjoint(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void {
    this.idx = idx;
    this.r = r;
    this.out = out;
    out.fill(0, 0, count);
  }

  adjointRun(slot: number, w0: number, w1: number, a: number, b: number): void {
    const { cols: d, data } = this.x;
    const { idx, r, out } = this;
    const bits = this.bits(slot);
    const shift = Math.floor(idx[a]! / d) * d;
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
  }

  endAdjoint(): void {}

  beginSweep(r: Float64Array, out: Float64Array, len: number): void {
    this.r = r;
    this.out = out;
    out.fill(0, 0, len);
  }

  sweepRun(slot: number, w0: number, w1: number, off: number): void {
    const { cols: d, data } = this.x;
    const { r, out } = this;
    const bits = this.bits(slot);
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

  endSweep(): void {}

  scratchBytes(): number {
    return this.gateScratch.byteLength;
  }

  largestScratchBytes(): number {
    return this.gateScratch.byteLength;
  }
}
