import { describe, expect, test } from 'vitest';
import { fma } from './fma.js';

/** Exact a·b + c rounded to nearest-even, with BigInt arithmetic (the oracle). */
function fmaOracle(a: number, b: number, c: number): number {
  const parts = (x: number): [bigint, number] => {
    if (x === 0) return [0n, 0];
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    const hi = v.getUint32(0);
    const exp = (hi >>> 20) & 0x7ff;
    let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(v.getUint32(4));
    if (exp > 0) m |= 1n << 52n;
    return [(hi >>> 31 ? -1n : 1n) * m, exp === 0 ? -1074 : exp - 1075];
  };
  const [ma, ea] = parts(a);
  const [mb, eb] = parts(b);
  const [mc, ec] = parts(c);
  const e = Math.min(ea + eb, ec);
  let s = ((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e));
  if (s === 0n) return 0;
  const neg = s < 0n;
  if (neg) s = -s;
  const shift = s.toString(2).length - 53;
  let m = s;
  let ee = e;
  if (shift > 0) {
    const rem = s & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    m = s >> BigInt(shift);
    ee += shift;
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  }
  const v = Number(m) * 2 ** ee;
  return neg ? -v : v;
}

describe('fused multiply-add', () => {
  test('equals the exactly rounded a·b + c on random and adversarial inputs', () => {
    let x = 12345;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    let differsFromUnfused = 0;
    for (let i = 0; i < 20000; i++) {
      const a = rnd() * 2 ** Math.floor(rnd() * 20);
      const b = rnd() * 2 ** Math.floor(rnd() * 20);
      // c near −a·b makes cancellation, where fusing matters most
      const c = i % 2 ? -a * b * (1 + rnd() * 1e-12) : rnd() * 100;
      const want = fmaOracle(a, b, c);
      expect(Object.is(fma(a, b, c), want) || (want === 0 && fma(a, b, c) === 0)).toBe(true);
      if (a * b + c !== want) differsFromUnfused++;
    }
    // the test must be able to tell fused from unfused arithmetic
    expect(differsFromUnfused).toBeGreaterThan(1000);
  });
  test('exact products and zeros', () => {
    expect(fma(3, 4, 5)).toBe(17);
    expect(fma(0.1, 10, -1)).toBe(fmaOracle(0.1, 10, -1));
    expect(fma(0, 5, 2)).toBe(2);
  });
});
