// MT19937 (Matsumoto & Nishimura 1998) with the integer seeding `init_genrand`: the bit generator under
// NumPy's legacy RandomState (`np.random.seed(s)` with an integer s) and under PyTorch's CPU generator
// (`torch.manual_seed(s)`, low 32 bits of s). Known answers: test/fixtures/reference (raw32).

const N = 624;
const M = 397;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

export class Mt19937 {
  private readonly key = new Uint32Array(N);
  private pos = N;
  /** 32-bit outputs drawn since seeding (tests check each call consumes what NumPy's does) */
  drawn = 0;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`MT19937 seed must be an integer in [0, 2^32), got ${seed}`);
    this.key[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = this.key[i - 1]!;
      this.key[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
  }

  /** The first words of the state after seeding (tests compare them with NumPy's `state[1]`). */
  stateKey(): Uint32Array {
    return this.key;
  }

  private twist(): void {
    const k = this.key;
    for (let i = 0; i < N; i++) {
      const y = (k[i]! & UPPER) | (k[(i + 1) % N]! & LOWER);
      k[i] = k[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.pos = 0;
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    this.drawn++;
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
