import { describe, expect, test } from 'vitest';
import { Role, stream } from './streams.js';
import { sampleWithoutReplacement } from './sampling.js';

const draws = (seed: number, role: string, k = 5) => {
  const r = stream(seed, role);
  return Array.from({ length: k }, () => r.uniform());
};

describe('named random streams', () => {
  test('same (seed, role) ⇒ identical draws; another seed or role ⇒ different draws', () => {
    expect(draws(1, 'data')).toEqual(draws(1, 'data'));
    expect(draws(1, 'data')).not.toEqual(draws(2, 'data'));
    expect(draws(1, 'data')).not.toEqual(draws(1, Role.plantedWeights));
  });
  test('known answers (change only on purpose: every stored result depends on them)', () => {
    const r = stream(0, Role.data);
    expect([r.uniform(), r.uniform(), r.normal(), r.normal(), r.int(1000)]).toMatchSnapshot();
    expect(Array.from(sampleWithoutReplacement(stream(7, 'x'), 100, 5))).toMatchSnapshot();
  });
  test('standard normal draws have mean ≈ 0 and variance ≈ 1', () => {
    const r = stream(3, 'moments');
    const N = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / N)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(s2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
  });
  test('sampling without replacement gives distinct in-range values', () => {
    const v = Array.from(sampleWithoutReplacement(stream(1, 'swr'), 50, 50));
    expect(new Set(v).size).toBe(50);
    expect(Math.min(...v)).toBe(0);
    expect(Math.max(...v)).toBe(49);
    expect(() => sampleWithoutReplacement(stream(1, 'swr'), 3, 4)).toThrow();
  });
  test('bad seeds and roles are refused', () => {
    expect(() => stream(1.5, 'x')).toThrow(/seed/);
    expect(() => stream(1, '')).toThrow(/role/);
    expect(() => stream(1, 'x').int(0)).toThrow(/bound/);
  });
});
