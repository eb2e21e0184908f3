// Streaming, memory-linear kernel: A is never formed, nor any n×s matrix. Each product walks the
// touched blocks, obtains each block's gate (computed from its generator: O(n·nnz(h_j))) as a bitset of
// active rows, and reads the needed columns of X directly.
// Memory traffic, not arithmetic, bounded the first version (every block re-streamed X), so:
//  - support-restricted products go through X in row chunks, every touched block visiting a chunk while
//    it sits in cache;
//  - the gradient sweep handles SWEEP_BATCH blocks per pass over X.
// Working memory: a scratch gate, SWEEP_BATCH gates for the sweep, engine scratch of O(n + s), plus a
// gate cache (n/8 bytes per gate) with a fixed byte budget (default 4 MiB) for the blocks that
// support-restricted products revisit; the cache refuses entries when full and empties when the
// generators change, so it never grows with m.
// This file is the policy (what to cache, runs, chunks, batches); the arithmetic is an engine's
// (./engines): WebAssembly SIMD when available, else its TypeScript oracle, bit-identical.
import type { Matrix } from '../linalg/matrix.js';
import type { EngineName, StreamingEngine } from './engines/engine.js';
import { TypeScriptEngine } from './engines/typescript.js';
import { WasmEngine } from './engines/wasm.js';
import type { GeneratorSource } from './generators.js';
import type { KernelStats, LiftedKernel } from './kernel.js';
import { wasmKernels, wasmUnavailableReason } from './wasm/compile.js';

export const DEFAULT_GATE_CACHE_BYTES = 4 * 2 ** 20;
/** Rows per chunk (a multiple of 32: chunks are whole bitset words). */
const DEFAULT_ROW_CHUNK = 1024;
/** Blocks per pass over X in the full gradient sweep. */
export const SWEEP_BATCH = 16;

/** 'auto': WebAssembly SIMD if this Node runs it, else TypeScript; or a factory (tests inject broken engines). */
export type EngineChoice = EngineName | 'auto' | ((x: Matrix, maxSlots: number) => StreamingEngine);

/** The engine 'auto' resolves to in this process. */
export const AUTO_ENGINE: EngineName = wasmKernels ? 'wasm-simd' : 'typescript';

function build(choice: EngineChoice, x: Matrix, maxSlots: number): StreamingEngine {
  if (typeof choice === 'function') return choice(x, maxSlots);
  if (choice === 'typescript') return new TypeScriptEngine(x);
  if (!wasmKernels) {
    if (choice === 'wasm-simd') throw new Error(`WebAssembly SIMD kernels unavailable: ${wasmUnavailableReason}`);
    return new TypeScriptEngine(x);
  }
  try {
    return new WasmEngine(wasmKernels, x, maxSlots);
  } catch (e) {
    // a 32-bit WebAssembly memory holds at most 4 GiB: larger data compute in TypeScript (same bits)
    if (choice === 'wasm-simd' || !(e instanceof RangeError)) throw e;
    return new TypeScriptEngine(x);
  }
}

function createEngine(choice: EngineChoice, x: Matrix, maxSlots: number): StreamingEngine {
  return build(choice, x, maxSlots);
}

/** Support entries [a, b) of one block and the slot of its gate bits. */
interface Run {
  a: number;
  b: number;
  slot: number;
}

export class StreamingKernel implements LiftedKernel {
  private source!: GeneratorSource;
  readonly engine: StreamingEngine;
  private readonly words: number;
  private readonly genScratch: Float64Array;
  private readonly scratchSlot: number;
  private readonly batchSlots: number[] = [];
  /** block → gate slot, or null for a dead block */
  private readonly cache = new Map<number, number | null>();
  private cacheBytes = 0;
  private peak = 0;
  private largest = 0;
  private readonly chunkWords: number;

  constructor(
    private readonly x: Matrix,
    _m: number,
    source: GeneratorSource,
    private readonly cacheBudget = DEFAULT_GATE_CACHE_BYTES,
    rowChunk = DEFAULT_ROW_CHUNK,
    engine: EngineChoice = 'auto',
  ) {
    this.words = Math.ceil(x.rows / 32);
    this.chunkWords = Math.max(1, Math.floor(rowChunk / 32));
    this.genScratch = new Float64Array(x.cols);
    const cacheSlots = Math.floor(cacheBudget / (4 * this.words));
    this.engine = createEngine(engine, x, 1 + SWEEP_BATCH + cacheSlots);
    this.scratchSlot = this.engine.allocBits();
    this.largest = Math.max(this.genScratch.byteLength, this.engine.largestScratchBytes(), 4 * this.words);
    this.setSource(source);
  }

  setSource(source: GeneratorSource): void {
    this.source = source;
    for (const slot of this.cache.values()) if (slot !== null) this.engine.releaseBits(slot);
    this.cache.clear();
    this.cacheBytes = 0;
    this.notePeak();
  }

  private baseBytes(): number {
    return this.genScratch.byteLength + this.engine.scratchBytes() + (1 + this.batchSlots.length) * 4 * this.words;
  }

  private notePeak(): void {
    this.peak = Math.max(this.peak, this.baseBytes() + this.cacheBytes);
    this.largest = Math.max(this.largest, this.engine.largestScratchBytes());
  }

  /** Gate of block j into a slot; false for a zero block. */
  private computeBits(j: number, slot: number): boolean {
    if (this.source.isDead(j)) return false;
    const view = this.source.view(j, this.genScratch);
    if (view.kind === 'dead') return false;
    this.engine.writeGate(view, slot);
    return true;
  }

  /** Cached gate slot of block j, caching it if the budget allows; undefined = not cacheable now. */
  private cachedBits(j: number): number | null | undefined {
    const hit = this.cache.get(j);
    if (hit !== undefined) return hit;
    if (this.source.isDead(j)) {
      this.cache.set(j, null);
      return null;
    }
    if (this.cacheBytes + 4 * this.words > this.cacheBudget) return undefined;
    const slot = this.engine.allocBits();
    this.computeBits(j, slot);
    this.cache.set(j, slot);
    this.cacheBytes += 4 * this.words;
    this.notePeak();
    return slot;
  }

  /** Gate of block j as bytes (gateWords: as a bitset). Both go through the cache: the convergence
   *  tracker reads every gate right after a generator update, and the next step's products then find
   *  them computed. */
  gate(j: number, out: Uint8Array): Uint8Array {
    out.fill(0, 0, this.x.rows);
    const slot = this.gateSlot(j);
    if (slot !== null) this.engine.readGate(slot, out);
    return out;
  }

  gateWords(j: number, out: Uint32Array): Uint32Array {
    out.fill(0);
    const slot = this.gateSlot(j);
    if (slot !== null) this.engine.readGateWords(slot, out);
    return out;
  }

  /** Slot holding block j's gate: cached (caching it if there is room) or the scratch; null for a zero block. */
  private gateSlot(j: number): number | null {
    const hit = this.cachedBits(j);
    if (hit !== undefined) return hit;
    return this.computeBits(j, this.scratchSlot) ? this.scratchSlot : null;
  }

  adjointBlock(j: number, r: Float64Array, out: Float64Array): void {
    this.adjointBlocks(j, 1, r, out);
  }

  /**
   * Split T into runs by block. Runs whose gate is cached come back (processed chunk by chunk by the
   * caller); the others are handed to `now` one at a time with the scratch slot.
   */
  private runsOf(idx: ArrayLike<number>, count: number, now: (run: Run) => void): Run[] {
    const d = this.x.cols;
    const cached: Run[] = [];
    for (let a = 0; a < count;) {
      const j = Math.floor(idx[a]! / d);
      let b = a;
      while (b < count && idx[b]! < (j + 1) * d) b++;
      const slot = this.cachedBits(j);
      if (slot !== null && slot !== undefined) cached.push({ a, b, slot });
      else if (slot === undefined && this.computeBits(j, this.scratchSlot)) now({ a, b, slot: this.scratchSlot });
      a = b;
    }
    return cached;
  }

  /** Runs over all rows, cached runs chunk by chunk (every run visits a chunk while it is in cache). */
  private eachRun(idx: ArrayLike<number>, count: number, visit: (slot: number, w0: number, w1: number, a: number, b: number) => void): void {
    const words = this.words;
    const cached = this.runsOf(idx, count, (run) => visit(run.slot, 0, words, run.a, run.b));
    for (let w0 = 0; w0 < words; w0 += this.chunkWords) {
      const w1 = Math.min(words, w0 + this.chunkWords);
      for (let k = 0; k < cached.length; k++) visit(cached[k]!.slot, w0, w1, cached[k]!.a, cached[k]!.b);
    }
  }

  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void {
    const e = this.engine;
    e.beginApply(idx, val, count, out);
    this.eachRun(idx, count, (slot, w0, w1, a, b) => e.applyRun(slot, w0, w1, a, b));
    e.endApply();
  }

  adjointSupport(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void {
    const e = this.engine;
    e.beginAdjoint(idx, count, r, out);
    this.eachRun(idx, count, (slot, w0, w1, a, b) => e.adjointRun(slot, w0, w1, a, b));
    e.endAdjoint();
  }

  /** out[(j − j0)·d + c] = (A_jᵀ r)[c] for j0 ≤ j < j0 + count, SWEEP_BATCH blocks per pass over X. */
  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): void {
    const d = this.x.cols;
    const words = this.words;
    const e = this.engine;
    e.beginSweep(r, out, count * d);
    for (let c0 = 0; c0 < count; c0 += SWEEP_BATCH) {
      const c1 = Math.min(count, c0 + SWEEP_BATCH);
      const live: Array<{ slot: number; off: number }> = [];
      for (let c = c0; c < c1; c++) {
        const hit = this.cache.get(j0 + c);
        if (hit === null) continue;
        if (hit !== undefined) {
          live.push({ slot: hit, off: c * d });
          continue;
        }
        while (this.batchSlots.length <= c - c0) {
          this.batchSlots.push(e.allocBits());
          this.notePeak();
        }
        const slot = this.batchSlots[c - c0]!;
        if (this.computeBits(j0 + c, slot)) live.push({ slot, off: c * d });
      }
      for (let w0 = 0; w0 < words; w0 += this.chunkWords) {
        const w1 = Math.min(words, w0 + this.chunkWords);
        for (let k = 0; k < live.length; k++) e.sweepRun(live[k]!.slot, w0, w1, live[k]!.off);
      }
    }
    e.endSweep();
    this.notePeak();
  }

  stats(): KernelStats {
    return { workingBytes: this.baseBytes() + this.cacheBytes, peakWorkingBytes: this.peak, largestAllocationBytes: this.largest, engine: this.engine.name };
  }
}
