import { describe, expect, test } from 'vitest';
import { LiftedOperator } from '../lifted/operator.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import { dataOf, vectorOf } from '../../properties/instances.js';
import { predictVector, stepVector } from './step-vector.js';

const n = 15,
  d = 3,
  m = 2,
  k = 2,
  alpha = 1e-3;
const x = dataOf({ seed: 3, n, d, m, s: 0 });
const A = new LiftedOperator(x, m, 3, { kernel: 'dense' });
const dense = vectorOf(3, 'w', m * d + m * k);
// one-hot rows: softmax − Y is the cross-entropy gradient only for probability rows
const Y = new Float64Array(n * k).map((_, t) => (t % k === (vectorOf(3, 'y', n)[Math.floor(t / k)]! > 0 ? 1 : 0) ? 1 : 0));
const fill = (v: Float64Array) => {
  const W = SparseVector.withSketch(v.length, v.length);
  W.writeBlock(0, v);
  return W;
};
const loss = (v: Float64Array, ce: boolean) => {
  const yhat = predictVector(A, fill(v), k);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (ce) {
      const row = [yhat[i * k]!, yhat[i * k + 1]!];
      const mx = Math.max(...row);
      const lse = mx + Math.log(row.reduce((a, b) => a + Math.exp(b - mx), 0));
      for (let o = 0; o < k; o++) s -= Y[i * k + o]! * (row[o]! - lse);
    } else for (let o = 0; o < k; o++) s += 0.5 * (yhat[i * k + o]! - Y[i * k + o]!) ** 2;
  }
  return s / n;
};

describe('vector-output step (SPEC §3.4)', () => {
  test.each([false, true])('its update is −α times the exact gradient with gates fixed (cross-entropy: %s)', (ce) => {
    const Z = stepVector(A, Y, fill(dense), k, false, { alpha, crossEntropy: ce, reinit: 'named' }).toDense();
    for (let c = 0; c < dense.length; c++) {
      const h = 1e-6;
      const up = dense.slice();
      const dn = dense.slice();
      up[c]! += h;
      dn[c]! -= h;
      const fd = (loss(up, ce) - loss(dn, ce)) / (2 * h);
      const step = (dense[c]! - Z[c]!) / alpha;
      expect(Math.abs(step - fd)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)));
    }
  });
  test('first step re-initialises blocks whose plain max is 0 from the seeded uniform stream', () => {
    const W = SparseVector.withSketch(m * d + m * k, m * d + m * k);
    const Z = stepVector(A, Y, W, k, true, { alpha, crossEntropy: false, reinit: 'named' }).toDense();
    const bound = 1 / Math.sqrt(d * m);
    for (let c = 0; c < m * d; c++) expect(Math.abs(Z[c]!)).toBeGreaterThan(0);
    for (let c = 0; c < m * d; c++) expect(Math.abs(Z[c]!)).toBeLessThan(bound + 1e-3);
    const again = stepVector(A, Y, SparseVector.withSketch(m * d + m * k, m * d + m * k), k, true, { alpha, crossEntropy: false, reinit: 'named' }).toDense();
    expect(Array.from(again)).toEqual(Array.from(Z));
  });
  test('capacity is enforced by sketch importance, not by |value|', () => {
    const C = 5;
    const W = SparseVector.withSketch(dense.length, C);
    // a history in the sketch: large accumulated movement on coordinates whose values will be small
    const favoured = [1, 4, 6, 8, 9];
    for (const i of favoured) W.sketch!.add(i, 50);
    const Z = stepVector(A, Y, W, k, true, { alpha, crossEntropy: false, reinit: 'named' });
    expect(Z.size).toBe(C);
    // every coordinate was written this step; the kept ones are the top C by |sketch estimate| …
    const all = Array.from({ length: dense.length }, (_, i) => i);
    const byEstimate = [...all]
      .sort((a, b) => Math.abs(Z.sketch!.estimate(b)) - Math.abs(Z.sketch!.estimate(a)))
      .slice(0, C)
      .sort((a, b) => a - b);
    expect(Array.from(Z.indices())).toEqual(byEstimate);
    // … which is not what keeping the largest |value| would keep (the same step without a sketch)
    const plain = stepVector(A, Y, SparseVector.withSketch(dense.length, dense.length), k, true, { alpha, crossEntropy: false, reinit: 'named' }).toDense();
    const byValue = [...all]
      .sort((a, b) => Math.abs(plain[b]!) - Math.abs(plain[a]!))
      .slice(0, C)
      .sort((a, b) => a - b);
    expect(byValue).not.toEqual(byEstimate);
  });
  test('first step re-initialises by the plain max (a non-positive block with a 0 qualifies; max-abs would not), not a negative block', () => {
    const bound = 1 / Math.sqrt(d * m);
    const reinit = Array.from(
      { length: d },
      (() => {
        const rs = new NumpyRandomState(0);
        return () => rs.uniformIn(-bound, bound);
      })(),
    );
    const w2 = [0.3, 0.4, 0.2, 0.5];
    const withBlock0 = (b0: number[], b1: number[]) => {
      const W = SparseVector.withSketch(m * d + m * k, m * d + m * k);
      W.writeBlock(0, Float64Array.from([...b0, ...b1, ...w2]));
      return stepVector(A, Y, W, k, true, { alpha, crossEntropy: false, reinit: 'reference' }).toDense();
    };
    const block1 = [0.2, -0.1, 0.3];
    // the update moves a block by α·|g1| ≪ the distances compared here, so the start of block 0 is readable
    const dist = (z: Float64Array, b: number[]) => Math.max(...b.map((v, t) => Math.abs(z[t]! - v)));
    // [−0.5, 0, 0]: plain max 0 ⇒ replaced by block 0's uniform draws (max-abs 0.5 would have kept it)
    const zeroMax = withBlock0([-0.5, 0, 0], block1);
    expect(dist(zeroMax, reinit)).toBeLessThan(0.01);
    expect(dist(zeroMax, [-0.5, 0, 0])).toBeGreaterThan(0.1);
    // [−0.5, −0.2, −0.1]: plain max < 0 ⇒ kept, not re-initialised
    const neg = [-0.5, -0.2, -0.1];
    expect(dist(withBlock0(neg, block1), neg)).toBeLessThan(0.01);
  });
});
