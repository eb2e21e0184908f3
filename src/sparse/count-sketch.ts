// Count sketch of SPEC §3.5, used by the vector-output step to rank coordinates by their
// accumulated movement. Hash constants are the reference's; signs are any fixed ±1 function
// of (index, row), which the spec allows.

const HASH_A = [994443, 4113759, 9171025, 9024893] as const;
const HASH_B = [609478, 2949676, 2171464, 374849] as const;
export const SKETCH_ROWS = 4;

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

export class CountSketch {
  readonly width: number;
  readonly table: Float64Array;

  constructor(length: number, capacity: number) {
    this.width = sketchWidth(length, capacity);
    this.table = new Float64Array(SKETCH_ROWS * this.width);
  }

  private bucket(row: number, index: number): number {
    const h = (Math.imul(HASH_A[row]!, index) + HASH_B[row]!) >>> 0;
    return fmix32(h) % this.width;
  }

  private sign(row: number, index: number): number {
    return (fmix32((index ^ Math.imul(row + 1, 0x9e3779b9)) >>> 0) & 1) === 0 ? 1 : -1;
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
    e.sort((a, b) => a - b);
    return (e[1]! + e[2]!) / 2;
  }

  get bytes(): number {
    return this.table.byteLength;
  }
}
