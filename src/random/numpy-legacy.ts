// NumPy's legacy global RandomState (numpy 1.x `np.random.*` after `np.random.seed(s)`), bit for bit:
// the reference code draws everything it draws with NumPy from it (and, run on a CPU, what it draws
// with CuPy too). Each method consumes exactly the 32-bit words NumPy consumes, so calls chain as in
// the reference. Known answers: test/fixtures/reference/numpy-legacy-streams.json.
import { Mt19937 } from './mt19937.js';
import type { RandomStream } from './streams.js';

/** Smallest 2^b − 1 ≥ max (NumPy's mask for rejection sampling). */
function maskFor(max: number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

export class NumpyRandomState implements RandomStream {
  readonly role: string;
  private mt: Mt19937;
  /** the polar method's second value, returned by the next Gaussian draw (cleared by seed) */
  private gauss: number | null = null;

  constructor(seed: number, role = `numpy-legacy(${seed})`) {
    this.mt = new Mt19937(seed);
    this.role = role;
  }

  /** `np.random.seed(s)`: new state, Gaussian cache cleared. */
  seed(s: number): this {
    this.mt = new Mt19937(s);
    this.gauss = null;
    return this;
  }

  /** 32-bit words consumed since the last seeding */
  get words(): number {
    return this.mt.drawn;
  }

  /** The state's key words (`get_state()[1]`). */
  stateKey(): Uint32Array {
    return this.mt.stateKey();
  }

  /** One raw 32-bit word (`_bit_generator.random_raw()`). */
  raw32(): number {
    return this.mt.nextUint32();
  }

  /** `random_sample()`: 53 bits from two words, (a >> 5, b >> 6). */
  uniform(): number {
    const a = this.mt.nextUint32() >>> 5;
    const b = this.mt.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `standard_normal()`: the polar method, caching its second value. Uses V8's Math.log where NumPy
   *  calls the C library's log: results can differ in the last bits (≤ 3 ULP measured, none after a
   *  float32 cast). */
  normal(): number {
    if (this.gauss !== null) {
      const g = this.gauss;
      this.gauss = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.uniform() - 1;
      x2 = 2 * this.uniform() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  /** Integer in [0, max] by masked rejection (NumPy's legacy `randint` and `random_interval`). */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError(`ranges above 2^32 are not implemented (max ${max})`);
    const mask = maskFor(max);
    let v: number;
    do v = (this.mt.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** `randint(low, high)`: one integer in [low, high). */
  randint(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low)
      throw new RangeError(`randint needs integers low < high, got ${low}, ${high}`);
    return low + this.interval(high - 1 - low);
  }

  /** RandomStream's int(bound) = `randint(0, bound)`. */
  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0) throw new RangeError(`int bound must be a positive integer, got ${bound}`);
    return this.randint(0, bound);
  }

  /** `uniform(low, high)`: low + (high − low)·random_sample(). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** `permutation(n)`: Fisher–Yates from the top, j = random_interval(i). */
  permutation(n: number): Int32Array {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  /** `choice(n, k, replace=False)`: the first k of a full `permutation(n)` (so it consumes the words of all n). */
  choice(n: number, k: number): Int32Array {
    if (k > n) throw new RangeError(`cannot choose ${k} distinct values from ${n}`);
    return this.permutation(n).slice(0, k);
  }

  /** `normal(size=out.length)`, optionally followed by `.astype(np.float32)`. */
  fillNormal(out: Float64Array | Float32Array, toFloat32 = false): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = toFloat32 ? Math.fround(this.normal()) : this.normal();
    return out;
  }
}
