// Correctly rounded fused multiply-add a·b + c in plain float64 arithmetic (JavaScript has no fma):
// the exact product as a pair (Veltkamp split + Dekker), an exact sum with c, then the tail added with
// rounding to odd and the whole rounded once (Boldo & Melquiond, "Emulation of FMA and correctly
// rounded sums: proved algorithms using rounding to odd", IEEE TC 2008). Valid without overflow or
// underflow in the intermediate terms, which holds for the moderate magnitudes we use it on.
// Why: NumPy's float64 matmul goes through OpenBLAS, whose kernels fuse; the reference's Fourier features
// are only reproduced bit for bit with the fused form (test: src/data/fourier.test.ts).

const SPLIT = 134217729; // 2^27 + 1
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer); // little-endian: words[0] low, words[1] high

function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ta = SPLIT * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = SPLIT * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}

function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** x + y rounded to odd: the exact sum if representable, else the enclosing double with an odd last bit. */
function addRoundToOdd(x: number, y: number): number {
  const [s, e] = twoSum(x, y);
  if (e === 0) return s;
  bits[0] = s;
  if (words[0]! & 1) return s;
  // step one unit in the last place toward the exact sum (s ≠ 0 here: a rounded non-zero sum is non-zero)
  const away = e > 0 === s > 0;
  if (away) {
    words[0] = (words[0]! + 1) >>> 0;
    if (words[0] === 0) words[1] = (words[1]! + 1) >>> 0;
  } else {
    if (words[0] === 0) words[1] = (words[1]! - 1) >>> 0;
    words[0] = (words[0]! - 1) >>> 0;
  }
  return bits[0]!;
}

/** fma(a, b, c) = a·b + c rounded once to the nearest double. */
export function fma(a: number, b: number, c: number): number {
  const [ph, pl] = twoProduct(a, b);
  if (pl === 0) return ph + c;
  const [uh, ul] = twoSum(c, ph);
  return uh + addRoundToOdd(ul, pl);
}
