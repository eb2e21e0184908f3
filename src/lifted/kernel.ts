// What every lifted-operator kernel computes (the "how" lives in dense.ts and streaming.ts).
// Kernels may assume their arguments were validated by the op in operator.ts.
import type { GeneratorSource } from './generators.js';

export interface KernelStats {
  /** Bytes the kernel holds beyond the data matrix X, right now. */
  workingBytes: number;
  /** Largest number of bytes held at once since creation. */
  peakWorkingBytes: number;
  /** Largest single buffer the kernel ever allocated, in bytes. */
  largestAllocationBytes: number;
  /** The arithmetic engine that computed (streaming kernels: 'wasm-simd' or 'typescript'); null: none (dense). */
  engine: string | null;
}

export interface LiftedKernel {
  setSource(source: GeneratorSource): void;
  gate(j: number, out: Uint8Array): Uint8Array;
  /** the same gate as a bitset: bit i of word i >> 5 (⌈n/32⌉ words; bits beyond n clear) */
  gateWords(j: number, out: Uint32Array): Uint32Array;
  /** out = A_jᵀ r */
  adjointBlock(j: number, r: Float64Array, out: Float64Array): void;
  /** out[(j − j0)·d …] = A_jᵀ r for j0 ≤ j < j0 + count (the full gradient sweep, several blocks per pass) */
  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): void;
  /** out = A_T u, T sorted distinct global column indices */
  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void;
  /** out[t] = column idx[t] of A, dotted with r */
  adjointSupport(idx: ArrayLike<number>, count: number, r: Float64Array, out: Float64Array): void;
  stats(): KernelStats;
}
