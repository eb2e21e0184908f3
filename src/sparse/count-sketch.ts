// Count sketch of SPEC §3.5, used by the vector-output step to rank coordinates by their
// accumulated movement. Hash constants and the float32 table are the reference's. Signs: the
// reference's NumPy draws (`np.random.seed(i // 100000)`, `choice([-1, 1], size=(100000, 4))`, one
// masked word per sign: bit 0 picks +1), or, for named streams, a fixed hash of (index, row).
import { NumpyRandomState } from '../random/numpy-legacy.js';

const HASH_A = [994443, 4113759, 9171025, 9024893] as const;
const HASH_B = [609478, 2949676, 2171464, 374849] as const;
const SKETCH_ROWS = 4;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Width ⌊s·max(1, ln(N/s))⌋ (at least 1), N = vector length. */
export function sketchWidth(length: number, capacity: number): number {
  return Math.max(1, Math.floor(capacity * Math.max(1, Math.log(length / capacity))));
}

/** Indices per block of reference signs (one `np.random.seed(block)` each). */
const SIGN_BLOCK = 100_000;

export type SketchSigns = 'reference' | 'hashed';

export class CountSketch {
  readonly width: number;
  /** float32, as the reference's table: every addition is rounded to float32 */
  readonly table: Float32Array;
  /** reference signs per block, as bitsets (bit set = +1), drawn on first use */
  private readonly signBlocks = new Map<number, Uint32Array>();

  constructor(
    length: number,
    capacity: number,
    readonly signs: SketchSigns = 'hashed',
  ) {
    this.width = sketchWidth(length, capacity);
    this.table = new Float32Array(SKETCH_ROWS * this.width);
  }

  private bucket(row: number, index: number): number {
    const h = (Math.imul(HASH_A[row]!, index) + HASH_B[row]!) >>> 0;
    return fmix32(h) % this.width;
  }

  private referenceBlock(block: number): Uint32Array {
    let bitsOf = this.signBlocks.get(block);
    if (!bitsOf) {
      const rs = new NumpyRandomState(block);
      bitsOf = new Uint32Array((SIGN_BLOCK * SKETCH_ROWS) / 32);
      for (let t = 0; t < SIGN_BLOCK * SKETCH_ROWS; t++) if (rs.raw32() & 1) bitsOf[t >>> 5]! |= 1 << (t & 31);
      this.signBlocks.set(block, bitsOf);
    }
    return bitsOf;
  }

  sign(row: number, index: number): number {
    if (this.signs === 'hashed') return (fmix32((index ^ Math.imul(row + 1, 0x9e3779b9)) >>> 0) & 1) === 0 ? 1 : -1;
    const t = (index % SIGN_BLOCK) * SKETCH_ROWS + row;
    return (this.referenceBlock(Math.floor(index / SIGN_BLOCK))[t >>> 5]! >>> (t & 31)) & 1 ? 1 : -1;
  }

  add(index: number, delta: number): void {
    if (delta === 0) return;
    for (let r = 0; r < SKETCH_ROWS; r++) {
      this.table[r * this.width + this.bucket(r, index)]! += this.sign(r, index) * delta;
    }
  }

  /** Median over the four rows (mean of the middle two). */
  estimate(index: number): number {
    const e = [0, 0, 0, 0];
    for (let r = 0; r < SKETCH_ROWS; r++) e[r] = this.sign(r, index) * this.table[r * this.width + this.bucket(r, index)]!;
    // NumPy's median is NaN when a row is (an overflowed table: inf − inf); a − b would misorder ±inf
    if (e.some(Number.isNaN)) return NaN;
    e.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return (e[1]! + e[2]!) / 2;
  }

  /** Whether every table entry is finite (float32 overflows near 3.4e38 long before the float64 iterate). */
  finite(): boolean {
    for (const v of this.table) if (!Number.isFinite(v)) return false;
    return true;
  }

  get bytes(): number {
    let signBytes = 0;
    for (const b of this.signBlocks.values()) signBytes += b.byteLength;
    return this.table.byteLength + signBytes;
  }
}
