// PyTorch's CPU generator (torch 1.13: MT19937 seeded with the low 32 bits of `manual_seed`) and the
// draws the reference makes from it: `nn.Linear`'s default weight init (kaiming_uniform_ with a = √5,
// i.e. U(±1/√fan_in) in float32), `torch.randperm`, and a shuffling DataLoader's row orders.
// Known answers: test/fixtures/reference/torch-linear-init.json and the INR traces' pixel orders.
import { Mt19937 } from './mt19937.js';

const TWO_POW_63 = 1n << 63n;

export class TorchGenerator {
  private mt: Mt19937;

  constructor(seed: number | bigint) {
    this.mt = new Mt19937(TorchGenerator.low32(seed));
  }

  private static low32(seed: number | bigint): number {
    return Number(BigInt(seed) & 0xffffffffn);
  }

  /** `torch.manual_seed(seed)` */
  manualSeed(seed: number | bigint): this {
    this.mt = new Mt19937(TorchGenerator.low32(seed));
    return this;
  }

  /** `random()`: one 32-bit word */
  random(): number {
    return this.mt.nextUint32();
  }

  /** `random64()`: two words, the first one high */
  random64(): bigint {
    const hi = BigInt(this.mt.nextUint32());
    const lo = BigInt(this.mt.nextUint32());
    return (hi << 32n) | lo;
  }

  /** `torch.empty((), dtype=torch.int64).random_()`: uniform on [0, 2^63) */
  randomInt64(): bigint {
    return this.random64() % TWO_POW_63;
  }

  /** `torch.rand(1, dtype=torch.float32)`: 24 bits */
  randFloat32(): number {
    return (this.random() & 0xffffff) / 16777216;
  }

  /** `torch.rand(1, dtype=torch.float64)`: 53 bits of random64() */
  randFloat64(): number {
    return Number(this.random64() & ((1n << 53n) - 1n)) / 9007199254740992;
  }

  /** `tensor.uniform_(from, to)` on a float32 tensor, element by element: x·(to − from) + from rounded
   *  once to float32 (the product is exact in float64; rounding it to float32 first misses the known
   *  answers in about half the entries, so PyTorch's build fuses or widens it). */
  fillUniformFloat32(out: Float32Array, from: number, to: number): Float32Array {
    const lo = Math.fround(from);
    const range = Math.fround(to) - lo;
    for (let i = 0; i < out.length; i++) out[i] = Math.fround(this.randFloat32() * range + lo);
    return out;
  }

  /** `torch.randperm(n, generator=this)`: for i = 0 … n−2 swap i with i + random() mod (n − i). */
  randperm(n: number): Int32Array {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n - 1; i++) {
      const z = this.random() % (n - i);
      const t = p[i]!;
      p[i] = p[z + i]!;
      p[z + i] = t;
    }
    return p;
  }
}

/**
 * PyTorch's default init of a bias-free `nn.Linear(fanIn, fanOut)`: weight [fanOut, fanIn] (row-major),
 * U(−b, b) with b = √3 · gain/√fan_in and gain = √(2/(1 + a²)), a = √5 (Python float64 arithmetic).
 */
export function linearInit(g: TorchGenerator, fanIn: number, fanOut: number): Float32Array {
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2 / (1 + a ** 2));
  const bound = Math.sqrt(3) * (gain / Math.sqrt(fanIn));
  return g.fillUniformFloat32(new Float32Array(fanIn * fanOut), -bound, bound);
}

/**
 * The row orders a `DataLoader(dataset of n rows, shuffle)` hands out, one per `iter()`, after
 * `torch.manual_seed(seed)`: each iterator draws its base seed (an int64) from the global generator
 * and, when shuffling, a second int64 that seeds a fresh generator for `randperm(n)`. Without
 * shuffling the order is 0 … n−1, but the base seed is still drawn.
 */
export class TorchLoaderOrders {
  private global: TorchGenerator;
  private drawn = 0;
  constructor(
    readonly seed: number,
    readonly n: number,
    readonly shuffle: boolean,
  ) {
    this.global = new TorchGenerator(seed);
  }
  /** The order of the next iterator. */
  next(): Int32Array {
    this.drawn++;
    return loaderIteratorOrder(this.global, this.n, this.shuffle);
  }
  /** The order of iterator k (0-based) since the seed; earlier k replay from the seed. */
  at(k: number): Int32Array {
    if (k < this.drawn) {
      this.global = new TorchGenerator(this.seed);
      this.drawn = 0;
    }
    while (this.drawn < k) this.next();
    return this.next();
  }
}

/** One `iter(loader)` on the global generator `g`: its base seed, then (shuffling) the sampler's permutation. */
export function loaderIteratorOrder(g: TorchGenerator, n: number, shuffle: boolean): Int32Array {
  g.randomInt64(); // the iterator's base seed (seeds workers; there are none, but the draw happens)
  if (!shuffle) return Int32Array.from({ length: n }, (_, i) => i);
  return new TorchGenerator(g.randomInt64()).randperm(n);
}
