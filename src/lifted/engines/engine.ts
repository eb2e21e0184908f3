// The arithmetic of the streaming kernel, apart from its policy (which gates to cache, how to split a
// support into runs, row chunks, sweep batches: ../streaming.ts). Gates live in numbered bitset slots
// (bit i = row i active) that the engine owns. Engines must agree bit for bit: the TypeScript engine
// is the oracle, the WebAssembly engine the fast path (properties/engines.suite.ts runs one contract on both).
import type { GeneratorView } from '../generators.js';

export type EngineName = 'wasm-simd' | 'typescript';

export interface StreamingEngine {
  readonly name: EngineName;
  /** a bitset slot of ⌈n/32⌉ words */
  allocBits(): number;
  releaseBits(slot: number): void;
  /** slot := gate of a live (not dead) generator: bit i = [x_i · h > 0] */
  writeGate(view: Exclude<GeneratorView, { kind: 'dead' }>, slot: number): void;
  /** out[i] = bit i of the slot, for i < n */
  readGate(slot: number, out: Uint8Array): void;
  /** out = the slot's ⌈n/32⌉ words */
  readGateWords(slot: number, out: Uint32Array): void;

  /** out := 0; then applyRun adds, per active row i of words [w0, w1), Σ_{t∈[a,b)} x[i, idx_t mod d]·val_t */
  beginApply(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void;
  applyRun(slot: number, w0: number, w1: number, a: number, b: number): void;
  endApply(): void;

  /** out := 0; then adjointRun adds x[i, idx_t mod d]·r_i to out[t], t ∈ [a, b), rows in increasing order */
  beginAdjoint(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void;
  adjointRun(slot: number, w0: number, w1: number, a: number, b: number): void;
  endAdjoint(): void;

  /** out[0, len) := 0; then sweepRun adds x[i, e]·r_i to out[off + e], e < d, rows in increasing order */
  beginSweep(r: Float64Array, out: Float64Array, len: number): void;
  sweepRun(slot: number, w0: number, w1: number, off: number): void;
  endSweep(): void;

  /** bytes held beyond the data and the gate slots (scratch vectors); grows with s, never with m */
  scratchBytes(): number;
  /** largest scratch region, bytes */
  largestScratchBytes(): number;
}
