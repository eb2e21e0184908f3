// The streaming kernel's arithmetic in WebAssembly (SIMD): the loops of ./typescript.ts with the
// same operations in the same order (../wasm/streaming-wat.ts), over a copy of X in the module's
// memory. Layout of that memory, 16-byte aligned regions:
//   X (n·d, f32 or f64) | row list (n i32) | vector (n f64) | dense generator (d i32 = 0…d−1, d f64)
//   | sparse generator (d i32 + d f64)
//   | gate slots (fixed count, ⌈n/32⌉ words each) | growable tail: support or sweep output.
// Untouched pages of a WebAssembly memory are not resident, so reserving every slot up front costs
// address space, not memory.
import type { Matrix } from '../../linalg/matrix.js';
import type { GeneratorView } from '../generators.js';
import type { WasmKernels } from '../wasm/compile.js';
import type { StreamingEngine } from './engine.js';

const PAGE = 65536;
const align = (b: number) => Math.ceil(b / 16) * 16;

interface Exports {
  init(x: number, n: number, d: number, rows: number): void;
  apply_run(bits: number, w0: number, w1: number, idx: number, val: number, len: number, out: number): void;
  adjoint_run(bits: number, w0: number, w1: number, idx: number, len: number, r: number, out: number): void;
  sweep_run(bits: number, w0: number, w1: number, r: number, out: number): void;
  gate_bits(idx: number, val: number, len: number, bits: number): void;
}

export class WasmEngine implements StreamingEngine {
  readonly name = 'wasm-simd' as const;
  private readonly k: Exports;
  private readonly memory: WebAssembly.Memory;
  private readonly n: number;
  private readonly d: number;
  private readonly words: number;
  private readonly slotBytes: number;
  private readonly rowsAt: number;
  private readonly vecAt: number;
  private readonly genIdxAt: number;
  private readonly genValAt: number;
  private readonly sparseIdxAt: number;
  private readonly sparseValAt: number;
  private readonly slotsAt: number;
  private readonly tailAt: number;
  private tailBytes: number;
  private nextSlot = 0;
  private readonly free: number[] = [];
  private buffer!: ArrayBuffer;
  private f64!: Float64Array;
  private i32!: Int32Array;
  private u32!: Uint32Array;
  // current product
  private out: Float64Array = new Float64Array(0);
  private count = 0;
  private idxAt = 0;
  private valAt = 0;
  private outAt = 0;

  /** `maxSlots`: gate slots the kernel may hold at once (scratch, sweep batch and cache). */
  constructor(
    modules: WasmKernels,
    x: Matrix,
    private readonly maxSlots: number,
  ) {
    const el = x.data instanceof Float32Array ? 'f32' : 'f64';
    this.n = x.rows;
    this.d = x.cols;
    this.words = Math.ceil(x.rows / 32);
    this.slotBytes = align(4 * this.words);
    const xBytes = align(x.data.byteLength);
    this.rowsAt = xBytes;
    this.vecAt = this.rowsAt + align(4 * this.n);
    this.genIdxAt = this.vecAt + align(8 * this.n);
    this.genValAt = this.genIdxAt + align(4 * this.d);
    this.sparseIdxAt = this.genValAt + align(8 * this.d);
    this.sparseValAt = this.sparseIdxAt + align(4 * this.d);
    this.slotsAt = this.sparseValAt + align(8 * this.d);
    this.tailAt = this.slotsAt + maxSlots * this.slotBytes;
    this.tailBytes = align(20 * this.d);
    const memory = new WebAssembly.Memory({ initial: Math.ceil((this.tailAt + this.tailBytes) / PAGE) });
    this.memory = memory;
    const instance = new WebAssembly.Instance(el === 'f32' ? modules.f32 : modules.f64, { env: { memory } });
    this.k = instance.exports as unknown as Exports;
    this.refresh();
    if (x.data instanceof Float32Array) new Float32Array(this.buffer, 0, x.data.length).set(x.data);
    else new Float64Array(this.buffer, 0, x.data.length).set(x.data);
    for (let c = 0; c < this.d; c++) this.i32[this.genIdxAt / 4 + c] = c;
    this.k.init(0, this.n, this.d, this.rowsAt);
  }

  /** Typed views of the module's memory (a grown memory has a new buffer). */
  private refresh(): void {
    this.buffer = this.memory.buffer;
    this.f64 = new Float64Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
  }

  /** Makes room for `bytes` in the tail region. */
  private tail(bytes: number): void {
    if (bytes > this.tailBytes) {
      const need = this.tailAt + bytes - this.memory.buffer.byteLength;
      if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
      this.tailBytes = bytes;
    }
    if (this.buffer !== this.memory.buffer) this.refresh();
  }

  private slotAt(slot: number): number {
    return this.slotsAt + slot * this.slotBytes;
  }

  allocBits(): number {
    const slot = this.free.pop() ?? this.nextSlot++;
    if (slot >= this.maxSlots) throw new Error(`wasm engine: more than ${this.maxSlots} gate slots requested`);
    return slot;
  }

  releaseBits(slot: number): void {
    this.free.push(slot);
  }

  writeGate(view: Exclude<GeneratorView, { kind: 'dead' }>, slot: number): void {
    if (view.kind === 'dense') {
      this.f64.set(view.h.subarray(0, this.d), this.genValAt / 8);
      this.k.gate_bits(this.genIdxAt, this.genValAt, this.d, this.slotAt(slot));
      return;
    }
    const len = view.idx.length; // ≤ d: one block's entries
    this.i32.set(view.idx, this.sparseIdxAt / 4);
    this.f64.set(view.val, this.sparseValAt / 8);
    this.k.gate_bits(this.sparseIdxAt, this.sparseValAt, len, this.slotAt(slot));
  }

  readGate(slot: number, out: Uint8Array): void {
    const base = this.slotAt(slot) / 4;
    const u32 = this.u32;
    for (let i = 0; i < this.n; i++) out[i] = (u32[base + (i >>> 5)]! >>> (i & 31)) & 1;
  }

  readGateWords(slot: number, out: Uint32Array): void {
    const base = this.slotAt(slot) / 4;
    out.set(this.u32.subarray(base, base + this.words));
  }

  /** Support layout in the tail: local column indices (i32), values (f64), outputs (f64). */
  private loadSupport(idx: ArrayLike<number>, val: ArrayLike<number> | null, count: number): void {
    this.tail(align(4 * count) + 16 * count + 16);
    this.idxAt = this.tailAt;
    this.valAt = align(this.idxAt + 4 * count);
    this.outAt = this.valAt + 8 * count;
    const i32 = this.i32;
    const d = this.d;
    for (let t = 0, p = this.idxAt / 4; t < count; t++) i32[p + t] = idx[t]! % d;
    if (val) for (let t = 0, p = this.valAt / 8; t < count; t++) this.f64[p + t] = val[t]!;
    this.count = count;
  }

  beginApply(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void {
    this.loadSupport(idx, val, count);
    this.f64.fill(0, this.vecAt / 8, this.vecAt / 8 + this.n);
    this.out = out;
  }

  applyRun(slot: number, w0: number, w1: number, a: number, b: number): void {
    this.k.apply_run(this.slotAt(slot), w0, w1, this.idxAt + 4 * a, this.valAt + 8 * a, b - a, this.vecAt);
  }

  endApply(): void {
    this.out.set(this.f64.subarray(this.vecAt / 8, this.vecAt / 8 + this.n));
  }

  beginAdjoint(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void {
    this.loadSupport(idx, null, count);
    this.f64.set(r.subarray(0, this.n), this.vecAt / 8);
    this.f64.fill(0, this.outAt / 8, this.outAt / 8 + count);
    this.out = out;
  }

  adjointRun(slot: number, w0: number, w1: number, a: number, b: number): void {
    this.k.adjoint_run(this.slotAt(slot), w0, w1, this.idxAt + 4 * a, b - a, this.vecAt, this.outAt + 8 * a);
  }

  endAdjoint(): void {
    this.out.set(this.f64.subarray(this.outAt / 8, this.outAt / 8 + this.count));
  }

  beginSweep(r: Float64Array, out: Float64Array, len: number): void {
    this.tail(8 * len);
    this.f64.set(r.subarray(0, this.n), this.vecAt / 8);
    this.f64.fill(0, this.tailAt / 8, this.tailAt / 8 + len);
    this.outAt = this.tailAt;
    this.count = len;
    this.out = out;
  }

  sweepRun(slot: number, w0: number, w1: number, off: number): void {
    this.k.sweep_run(this.slotAt(slot), w0, w1, this.vecAt, this.outAt + 8 * off);
  }

  endSweep(): void {
    this.out.set(this.f64.subarray(this.outAt / 8, this.outAt / 8 + this.count));
  }

  scratchBytes(): number {
    return align(4 * this.n) + align(8 * this.n) + 2 * align(12 * this.d) + this.tailBytes;
  }

  largestScratchBytes(): number {
    return Math.max(8 * this.n, this.tailBytes);
  }
}
