import { describe, expect, test } from 'vitest';
import { exactParts, roundExact } from '../../test/support/float.js';
import { fma } from './fma.js';

/** Exact a·b + c rounded to nearest-even, with BigInt arithmetic (the oracle). */
function fmaOracle(a: number, b: number, c: number): number {
  const [ma, ea] = exactParts(a);
  const [mb, eb] = exactParts(b);
  const [mc, ec] = exactParts(c);
  const e = Math.min(ea + eb, ec);
  return roundExact(((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e)), e);
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
