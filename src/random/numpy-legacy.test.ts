// Known answers of NumPy's legacy RandomState (numpy 1.24.2, test/fixtures/reference): every integer,
// uniform and float32-cast value exactly, float64 Gaussians within 4 ULP (NumPy's polar method calls the C
// library's log, ours V8's Math.log), and the number of 32-bit words each call consumes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fsum, sequentialSum, ulpDistance } from '../../test/support/float.js';
import { NumpyRandomState } from './numpy-legacy.js';

const F = JSON.parse(readFileSync(new URL('../../test/fixtures/reference/numpy-legacy-streams.json', import.meta.url), 'utf8'));
const nums = (a: string[]) => a.map(Number);
const MAX_GAUSSIAN_ULPS = 4;

describe('MT19937 with integer seeding (raw32)', () => {
  test.each<any>(F.raw32.seeds)('seed $seed: state key and the first 8 outputs', (s) => {
    const rs = new NumpyRandomState(s.seed);
    const key = rs.stateKey();
    expect(Array.from(key.subarray(0, 5))).toEqual(s.state_key_first5);
    expect(key[623]).toBe(s.state_key_last);
    expect(Array.from({ length: 8 }, () => rs.raw32())).toEqual(s.raw32_first8);
  });
  test('seed 0 across the first twists: outputs 620–630 and 1245–1249', () => {
    const rs = new NumpyRandomState(0);
    const out = Array.from({ length: 1250 }, () => rs.raw32());
    expect(out.slice(620, 631)).toEqual(F.raw32.seed0_raw32_index_620_to_630.values);
    expect(out.slice(1245, 1250)).toEqual(F.raw32.seed0_raw32_index_1245_to_1249);
  });
});

function draw(rs: NumpyRandomState, call: string, count: number): number[] {
  if (call.includes('random_sample')) return Array.from({ length: count }, () => rs.uniform());
  if (call.includes('uniform(')) {
    const b = 1 / Math.sqrt(60);
    return Array.from({ length: count }, () => rs.uniformIn(-b, b));
  }
  const v = Array.from({ length: count }, () => rs.normal());
  return call.includes('float32') ? v.map(Math.fround) : v;
}

describe('continuous draws', () => {
  test.each<any>(F.continuous)('seed $seed: $call', (c) => {
    const call: string = c.call;
    const rs = new NumpyRandomState(c.seed);
    const want = nums(c.values.flat());
    const got = draw(rs, call, want.length);
    const gaussian64 = call.includes('normal') && c.dtype === 'float64';
    got.forEach((v, i) => {
      if (gaussian64) expect(ulpDistance(v, want[i]!)).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS);
      else expect(v).toBe(c.dtype === 'float32' ? Math.fround(want[i]!) : want[i]!);
    });
    expect(rs.words).toBe(c.words);
  });
});

describe('the polar method caches its second value', () => {
  const [cached, reseed, randint] = F.chained;
  test("random_sample between normals leaves the cache: a3 is a1's cached partner", () => {
    const rs = new NumpyRandomState(0);
    const a1 = draw(rs, 'normal', 3);
    const a2 = draw(rs, 'random_sample', 2);
    const a3 = draw(rs, 'normal', 1);
    const a4 = draw(rs, 'normal', 2);
    expect(a2).toEqual(nums(cached.a2));
    [
      [a1, cached.a1],
      [a3, cached.a3],
      [a4, cached.a4],
    ].forEach(([got, want]) => got.forEach((v: number, i: number) => expect(ulpDistance(v, Number(want[i]))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS)));
  });
  test('a generator that hands out the polar pair in the other order fails these known answers', () => {
    class Swapped extends NumpyRandomState {
      override normal(): number {
        super.normal(); // draws a pair, returns f·x2, caches f·x1 …
        return super.normal(); // … and this returns f·x1 first, dropping f·x2
      }
    }
    const rs = new Swapped(0);
    const a1 = draw(rs, 'normal', 3);
    expect(a1.every((v, i) => ulpDistance(v, Number(cached.a1[i])) <= MAX_GAUSSIAN_ULPS)).toBe(false);
  });
  test('seeding clears the cache', () => {
    const rs = new NumpyRandomState(0);
    const b1 = draw(rs, 'normal', 3);
    const b2 = draw(rs.seed(0), 'normal', 3);
    expect(b2).toEqual(b1);
    b2.forEach((v, i) => expect(ulpDistance(v, Number(reseed.b2[i]))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS));
  });
  test('randint leaves the cache too', () => {
    const rs = new NumpyRandomState(7);
    const c1 = rs.normal();
    expect(rs.randint(0, 1000)).toBe(randint.c2);
    const c3 = rs.normal();
    expect(ulpDistance(c1, Number(randint.c1[0]))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS);
    expect(ulpDistance(c3, Number(randint.c3[0]))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS);
  });
});

describe('4000 normals from seed 0', () => {
  const B = F.bulk_normal;
  const rs = new NumpyRandomState(0);
  const v = Array.from({ length: 4000 }, () => rs.normal());
  test('sampled values within 4 ULP, every value equal after a float32 cast where sampled, words exact', () => {
    const at: Array<[number, string]> = [
      ...B.first3.map((x: string, i: number) => [i, x]),
      ...B.last3.map((x: string, i: number) => [3997 + i, x]),
      ...Object.entries(B.values_at).map(([i, x]) => [Number(i), x as string]),
    ];
    for (const [i, x] of at) {
      expect(ulpDistance(v[i]!, Number(x))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS);
      expect(Math.fround(v[i]!)).toBe(Math.fround(Number(x)));
    }
    expect(ulpDistance(Math.min(...v), Number(B.min))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS);
    expect(ulpDistance(Math.max(...v), Number(B.max))).toBeLessThanOrEqual(MAX_GAUSSIAN_ULPS);
    expect(rs.words).toBe(B.words);
  });
  test('sums agree to what 4000 values of ≤ 4 ULP each allow; the bytes (sha256) are not claimed', () => {
    const bound = 4000 * MAX_GAUSSIAN_ULPS * 4 * Number.EPSILON;
    expect(Math.abs(fsum(v) - Number(B.sum_fsum))).toBeLessThanOrEqual(bound);
    expect(Math.abs(sequentialSum(v) - Number(B.sum_sequential))).toBeLessThanOrEqual(bound);
    // V8's log differs from the C library's in the last bits for a few per cent of draws, so the bytes differ
    const sha = createHash('sha256')
      .update(Buffer.from(Float64Array.from(v).buffer))
      .digest('hex');
    expect(sha).not.toBe(B.sha256_le_f64);
  });
});

describe('choice without replacement = prefix of a full Fisher–Yates permutation', () => {
  const size = (call: string) => call.match(/a=(\d+), size=(\d+)/) ?? call.match(/permutation\((\d+)\)/)!;
  test.each<any>(F.choice_permutation)('seed $seed: $call', (c) => {
    const call: string = c.call;
    const rs = new NumpyRandomState(c.seed);
    const m = size(call);
    const v = Array.from(call.includes('choice') ? rs.choice(Number(m[1]), Number(m[2])) : rs.permutation(Number(m[1])));
    if (c.values) expect(v).toEqual(c.values);
    else {
      expect(v.slice(0, 20)).toEqual(c.first20);
      expect(v.slice(-5)).toEqual(c.last5);
      expect(v.reduce((a, b) => a + b, 0)).toBe(c.sum);
      expect(v.reduce((a, b, i) => a + (i + 1) * b, 0)).toBe(c.weighted_checksum);
      expect(
        createHash('sha256')
          .update(Buffer.from(BigInt64Array.from(v, BigInt).buffer))
          .digest('hex'),
      ).toBe(c.sha256_le_i64);
    }
    expect(rs.words).toBe(c.words);
  });
});

describe('randint by masked rejection', () => {
  test.each<any>(F.randint_scalar)('seed $seed: $call', (c) => {
    const call: string = c.call;
    const rs = new NumpyRandomState(c.seed);
    expect(rs.randint(0, Number(call.match(/high=(\d+)/)![1]))).toBe(c.value);
    expect(rs.words).toBe(c.words);
  });
});
