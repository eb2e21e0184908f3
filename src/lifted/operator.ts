// The lifted sensing operator A = [D(h_1)X | … | D(h_m)X] (SPEC §3.1): what it computes, with
// argument checks; the arithmetic is delegated to a kernel chosen by name.
import { KERNELS, type KernelName } from '../config/names.js';
import type { StreamFamily } from '../config/streams.js';
import type { Matrix } from '../linalg/matrix.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import { DenseKernel } from './dense.js';
import { randomGenerators, VectorGenerators, type GeneratorSource } from './generators.js';
import type { KernelStats, LiftedKernel } from './kernel.js';
import { StreamingKernel } from './streaming.js';

/** A linear operator whose columns come in equal blocks: all the scalar IHT step needs. */
export interface BlockOperator {
  readonly rows: number;
  readonly blockSize: number;
  readonly numBlocks: number;
  readonly cols: number;
  /** True when block j is known to be all-zero (sweeps skip it). */
  isZeroBlock(j: number): boolean;
  /** out (length blockSize) = A_jᵀ r */
  adjointBlock(j: number, r: Float64Array, out: Float64Array): Float64Array;
  /** out[(j − j0)·blockSize …] = A_jᵀ r for j0 ≤ j < j0 + count: the gradient sweep, several blocks at once */
  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): Float64Array;
  /** out (length rows) = A_T u, for sorted distinct column indices T */
  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, out: Float64Array, count?: number): Float64Array;
  /** out[t] = ⟨column idx[t] of A, r⟩ */
  adjointSupport(idx: ArrayLike<number>, r: Float64Array, out: Float64Array, count?: number): Float64Array;
}

/** streaming: memory-linear, arithmetic in WebAssembly SIMD where available; streaming-ts: the same
 *  kernel computing in TypeScript (its oracle, bit-identical); dense: materialised A (small sizes). */
export { KERNELS, type KernelName } from '../config/names.js';

export interface LiftedOptions {
  kernel?: KernelName;
  /** where the random generators h_j come from (default 'named'; cells pass their config's family) */
  streams?: StreamFamily;
  /** streaming kernel only: byte budget of its gate cache */
  gateCacheBytes?: number;
  /** streaming kernel only: rows per chunk (tests use small chunks to cover chunk boundaries) */
  rowChunk?: number;
}

const registry: Record<KernelName, (x: Matrix, m: number, src: GeneratorSource, opt: LiftedOptions) => LiftedKernel> = {
  streaming: (x, m, src, opt) => new StreamingKernel(x, m, src, opt.gateCacheBytes, opt.rowChunk, 'auto'),
  'streaming-ts': (x, m, src, opt) => new StreamingKernel(x, m, src, opt.gateCacheBytes, opt.rowChunk, 'typescript'),
  dense: (x, m, src) => new DenseKernel(x, m, src),
};

export class LiftedOperator implements BlockOperator {
  readonly rows: number;
  readonly blockSize: number;
  readonly numBlocks: number;
  readonly cols: number;
  readonly kernelName: KernelName;
  readonly streams: StreamFamily;
  private readonly kernel: LiftedKernel;
  private source: GeneratorSource;
  /** Increases whenever the generators change (gates may have changed). */
  generatorVersion = 0;

  /** `m` blocks with random generators h_j ~ N(0, I_d): the reference's NumPy draws for (seed, j), or stream(seed, generator:j). */
  constructor(
    readonly x: Matrix,
    m: number,
    readonly seed: number,
    options: LiftedOptions = {},
  ) {
    if (!Number.isInteger(m) || m <= 0) throw new RangeError(`lifted operator: m must be a positive integer, got ${m}`);
    if (x.rows <= 0 || x.cols <= 0) throw new RangeError(`lifted operator: X must be non-empty, got ${x.rows}×${x.cols}`);
    this.rows = x.rows;
    this.blockSize = x.cols;
    this.numBlocks = m;
    this.cols = m * x.cols;
    this.kernelName = options.kernel ?? 'streaming';
    if (!(this.kernelName in registry)) throw new RangeError(`unknown kernel '${String(this.kernelName)}' (known: ${KERNELS.join(', ')})`);
    this.streams = options.streams ?? 'named';
    this.source = randomGenerators(this.streams, seed, x.cols, m);
    this.kernel = registry[this.kernelName](x, m, this.source, options);
  }

  get generators(): GeneratorSource {
    return this.source;
  }

  /** null → the seeded random generators; a sparse vector → h_j := its block j (sequential convex). */
  setGenerators(g: GeneratorSource | SparseVector | null): void {
    let src: GeneratorSource;
    if (g === null) src = randomGenerators(this.streams, this.seed, this.blockSize, this.numBlocks);
    else if (g instanceof SparseVector) src = new VectorGenerators(g, this.blockSize, this.numBlocks);
    else src = g;
    if (src.blocks !== this.numBlocks || src.d !== this.blockSize) {
      throw new RangeError(`generator source has ${src.blocks} blocks of ${src.d}, operator needs ${this.numBlocks} of ${this.blockSize}`);
    }
    this.source = src;
    this.generatorVersion++;
    this.kernel.setSource(src);
  }

  private checkBlock(j: number): void {
    if (!Number.isInteger(j) || j < 0 || j >= this.numBlocks) throw new RangeError(`block ${j} outside [0, ${this.numBlocks})`);
  }

  private checkSupport(idx: ArrayLike<number>, count: number): void {
    if (count > idx.length) throw new RangeError(`count ${count} exceeds ${idx.length} indices`);
    for (let t = 0; t < count; t++) {
      const c = idx[t]!;
      if (!Number.isInteger(c) || c < 0 || c >= this.cols) throw new RangeError(`column ${c} outside [0, ${this.cols})`);
      if (t > 0 && c <= idx[t - 1]!) throw new RangeError('support indices must be strictly increasing');
    }
  }

  private checkLength(name: string, a: { length: number }, want: number): void {
    if (a.length < want) throw new RangeError(`${name} has length ${a.length}, needs ${want}`);
  }

  isZeroBlock(j: number): boolean {
    this.checkBlock(j);
    return this.source.isDead(j);
  }

  gate(j: number, out = new Uint8Array(this.rows)): Uint8Array {
    this.checkBlock(j);
    this.checkLength('gate output', out, this.rows);
    return this.kernel.gate(j, out);
  }

  /** The gate of block j as a bitset (⌈rows/32⌉ words, bit i of word i >> 5). */
  gateWords(j: number, out = new Uint32Array(Math.ceil(this.rows / 32))): Uint32Array {
    const words = Math.ceil(this.rows / 32);
    this.checkBlock(j);
    this.checkLength('gate words', out, words);
    this.kernel.gateWords(j, out.subarray(0, words));
    return out;
  }

  adjointBlock(j: number, r: Float64Array, out: Float64Array): Float64Array {
    this.checkBlock(j);
    this.checkLength('residual', r, this.rows);
    this.checkLength('output', out, this.blockSize);
    this.kernel.adjointBlock(j, r, out);
    return out;
  }

  adjointBlocks(j0: number, count: number, r: Float64Array, out: Float64Array): Float64Array {
    if (count < 1) throw new RangeError(`block count must be ≥ 1, got ${count}`);
    this.checkBlock(j0);
    this.checkBlock(j0 + count - 1);
    this.checkLength('residual', r, this.rows);
    this.checkLength('output', out, count * this.blockSize);
    this.kernel.adjointBlocks(j0, count, r, out);
    return out;
  }

  applySupport(idx: ArrayLike<number>, val: ArrayLike<number>, out: Float64Array, count = idx.length): Float64Array {
    this.checkSupport(idx, count);
    this.checkLength('values', val, count);
    this.checkLength('output', out, this.rows);
    this.kernel.applySupport(idx, val, count, out);
    return out;
  }

  adjointSupport(idx: ArrayLike<number>, r: Float64Array, out: Float64Array, count = idx.length): Float64Array {
    this.checkSupport(idx, count);
    this.checkLength('residual', r, this.rows);
    this.checkLength('output', out, count);
    this.kernel.adjointSupport(idx, count, r, out);
    return out;
  }

  /** A w for a sparse w of length m·d (or longer: later coordinates, e.g. vector-output W2, are ignored). */
  apply(w: SparseVector, out = new Float64Array(this.rows)): Float64Array {
    const idx = w.indices();
    let count = 0;
    while (count < idx.length && idx[count]! < this.cols) count++;
    return this.applySupport(idx, w.values(), out, count);
  }

  stats(): KernelStats {
    return this.kernel.stats();
  }
}
