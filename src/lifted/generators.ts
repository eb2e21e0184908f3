// Generator vectors h_j that define the activation patterns D(h_j) = diag(1[X h_j > 0]).
// Sources: random Gaussian per block (a deterministic function of (seed, j), regenerated on demand so
// that nothing of size m·d is stored) from the reference's NumPy draws or from named streams; the
// blocks of a sparse vector (sequential-convex updates h_j := w_j); and a stack of two sources (fixed
// dictionaries for the theorem form).
import type { StreamFamily } from '../config/streams.js';
import { fillNormal } from '../random/sampling.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream } from '../random/streams.js';
import type { SparseVector } from '../sparse/sparse-vector.js';

export type GeneratorView =
  | { readonly kind: 'dead' }
  | { readonly kind: 'dense'; readonly h: Float64Array }
  | { readonly kind: 'sparse'; readonly idx: Int32Array; readonly val: Float64Array };

export interface GeneratorSource {
  readonly blocks: number;
  readonly d: number;
  /** A zero generator: its gate is all-false (strict inequality), so block j of A is zero. */
  isDead(j: number): boolean;
  /** The generator of block j; `scratch` (length d) may be used for dense values. */
  view(j: number, scratch: Float64Array): GeneratorView;
  readonly label: string;
}

export class RandomGenerators implements GeneratorSource {
  readonly label: string;
  /** `streamOffset` shifts the stream index, so stacked random blocks get fresh generators. */
  constructor(
    readonly seed: number,
    readonly d: number,
    readonly blocks: number,
    private readonly streamOffset = 0,
  ) {
    this.label = `random(seed=${seed})`;
  }
  isDead(): boolean {
    return false;
  }
  view(j: number, scratch: Float64Array): GeneratorView {
    fillNormal(stream(this.seed, Role.generator(j + this.streamOffset)), scratch);
    return { kind: 'dense', h: scratch };
  }
}

/**
 * The reference's NNFlyMatrix generators: after `np.random.seed(seed)` an offset o is drawn from
 * [0, blocks·d) (o = 0 when seed = 0, the reference's special case); h_j = `np.random.seed(j + o)`,
 * `normal(size=d)`. GaussianFlyMatrix draws its offset the same way but has no seed-0 special case.
 */
export function referenceSeedOffset(seed: number, cols: number, zeroForSeedZero = true): number {
  const o = new NumpyRandomState(seed).randint(0, cols);
  return seed === 0 && zeroForSeedZero ? 0 : o;
}

export class ReferenceGenerators implements GeneratorSource {
  readonly label: string;
  readonly offset: number;
  constructor(
    readonly seed: number,
    readonly d: number,
    readonly blocks: number,
  ) {
    this.offset = referenceSeedOffset(seed, d * blocks);
    this.label = `numpy(seed=${seed}, offset=${this.offset})`;
  }
  isDead(): boolean {
    return false;
  }
  view(j: number, scratch: Float64Array): GeneratorView {
    new NumpyRandomState(j + this.offset).fillNormal(scratch);
    return { kind: 'dense', h: scratch };
  }
}

/** The random generators of a lifted operator with `blocks` blocks of size d, from either family. */
export function randomGenerators(family: StreamFamily, seed: number, d: number, blocks: number): GeneratorSource {
  return family === 'reference' ? new ReferenceGenerators(seed, d, blocks) : new RandomGenerators(seed, d, blocks);
}

/** h_j := block j of a sparse vector (only its first blocks·d coordinates are used). Snapshot: O(s). */
export class VectorGenerators implements GeneratorSource {
  readonly label = 'weights';
  private readonly localIdx: Int32Array;
  private readonly val: Float64Array;
  /** entries of block j are [offsets[j], offsets[j+1]) */
  private readonly offsets: Int32Array;

  constructor(
    w: SparseVector,
    readonly d: number,
    readonly blocks: number,
  ) {
    const limit = d * blocks;
    if (w.length < limit) throw new RangeError(`generator vector has length ${w.length}, needs at least ${limit}`);
    const idx = w.indices();
    const val = w.values();
    let count = 0;
    while (count < idx.length && idx[count]! < limit) count++;
    this.localIdx = new Int32Array(count);
    this.val = Float64Array.from(val.subarray(0, count));
    this.offsets = new Int32Array(blocks + 1);
    for (let t = 0; t < count; t++) {
      this.localIdx[t] = idx[t]! % d;
      this.offsets[Math.floor(idx[t]! / d) + 1]!++;
    }
    for (let j = 0; j < blocks; j++) this.offsets[j + 1]! += this.offsets[j]!;
  }

  isDead(j: number): boolean {
    for (let t = this.offsets[j]!; t < this.offsets[j + 1]!; t++) if (this.val[t] !== 0) return false;
    return true;
  }

  view(j: number): GeneratorView {
    if (this.isDead(j)) return { kind: 'dead' };
    const a = this.offsets[j]!;
    const b = this.offsets[j + 1]!;
    return { kind: 'sparse', idx: this.localIdx.subarray(a, b), val: this.val.subarray(a, b) };
  }
}

/** Blocks [0, first.blocks) from `first`, the rest from `second`. */
export class StackedGenerators implements GeneratorSource {
  readonly blocks: number;
  readonly d: number;
  readonly label: string;
  constructor(
    private readonly first: GeneratorSource,
    private readonly second: GeneratorSource,
  ) {
    if (first.d !== second.d) throw new RangeError('stacked generator sources differ in dimension');
    this.blocks = first.blocks + second.blocks;
    this.d = first.d;
    this.label = `${first.label}+${second.label}`;
  }
  isDead(j: number): boolean {
    return j < this.first.blocks ? this.first.isDead(j) : this.second.isDead(j - this.first.blocks);
  }
  view(j: number, scratch: Float64Array): GeneratorView {
    return j < this.first.blocks ? this.first.view(j, scratch) : this.second.view(j - this.first.blocks, scratch);
  }
}
