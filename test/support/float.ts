// Float helpers for known-answer tests: distance in units in the last place, and exactly rounded sums.

const view = new DataView(new ArrayBuffer(8));

/** Position of a double on the ordered line of doubles (adjacent doubles differ by 1). */
function ordinal(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** How many doubles apart a and b are (0 = identical). */
export function ulpDistance(a: number, b: number): number {
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

/** Exact value of a double as m·2^e (BigInt m). */
export function exactParts(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (exp > 0) m |= 1n << 52n;
  return [(hi >>> 31 ? -1n : 1n) * m, exp === 0 ? -1074 : exp - 1075];
}

/** The double nearest m·2^e (ties to even). */
export function roundExact(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  if (neg) m = -m;
  const shift = m.toString(2).length - 53;
  if (shift > 0) {
    const rem = m & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    m >>= BigInt(shift);
    e += shift;
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  }
  const v = Number(m) * 2 ** e;
  return neg ? -v : v;
}

/** Python's math.fsum: the exactly rounded sum (round half to even). */
export function fsum(values: Iterable<number>): number {
  let m = 0n;
  const e = -1074;
  for (const v of values) {
    const [mv, ev] = exactParts(v);
    m += mv << BigInt(ev - e);
  }
  return roundExact(m, e);
}

/** Left-to-right float64 sum. */
export function sequentialSum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Relative ℓ2 distance ‖ours − ref‖ / ‖ref‖ of our values from a trace's values (Python repr strings). */
export function relativeDistance(ours: ArrayLike<number>, ref: readonly string[]): number {
  let num = 0;
  let den = 0;
  ref.forEach((v, i) => {
    num += (Number(v) - ours[i]!) ** 2;
    den += Number(v) ** 2;
  });
  return Math.sqrt(num / den);
}
