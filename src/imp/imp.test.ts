import * as tf from '@tensorflow/tfjs-core';
// autodiff is only the oracle here; production code never needs it
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { plant } from '../network/plant.js';
import { initBackend } from './backend.js';
import { runImp, type ImpEvent, type ImpOptions } from './imp.js';
import {
  checkEvaluatedPruned,
  checkMasksOnlyShrink,
  checkPruneCounts,
  checkPrunedStayZero,
  checkRewindToTheta0,
  checkSmallestPruned,
  mlpForward,
} from './imp-protocol.js';
import { roundHalfEven } from './prune.js';
import { DivergenceError } from '../sparse/divergence.js';
import { impDraws } from './draws.js';
import { DenseMlp, mlpShapes } from './mlp.js';

const initialWeights = (shapes: Array<[number, number]>, seed: number) => impDraws('named', seed, { trainShuffles: true, evalShuffles: false }).theta0(shapes);

const inst = plant({ d: 6, m: 5, k: 1, layers: 1, s: 8, n: 120, seed: 3 });
const base: ImpOptions = {
  d: 6,
  m: 5,
  layers: 1,
  k: 1,
  epochsPerRound: 3,
  batch: 40,
  seed: 3,
  streams: 'named',
  loaders: { trainShuffles: true, evalShuffles: false },
  loss: 'mse',
  fraction: 0.1,
  mode: 'iterative',
  ranking: 'reference',
};
const evaluate = (pred: Float64Array) => {
  let se = 0;
  pred.forEach((p, i) => (se += (p - inst.y[i]!) ** 2));
  return { metric: se / pred.length, details: { mse: se / pred.length } };
};
function traced(o: Partial<ImpOptions> = {}, targets = [3]) {
  const events: ImpEvent[] = [];
  const res = runImp(inst.x, inst.y, targets, { ...base, ...o, trace: (e) => events.push(e) }, evaluate);
  return { res, events };
}

describe('IMP protocol (SPEC §4), cpu backend', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  const shapes = mlpShapes(base.d, base.m, base.layers, base.k);

  test("masks only shrink, counts follow the reference's rule, the smallest survivors go, evaluation scores the pruned net, rewinds restore θ₀ bit for bit, pruned weights stay 0", () => {
    const { res, events } = traced();
    expect(res.rounds.length).toBeGreaterThan(10);
    expect(res.targets[0]!.nnz).toBeLessThanOrEqual(3);
    expect(checkMasksOnlyShrink(events)).toEqual([]);
    expect(checkPruneCounts(events, base.fraction)).toEqual([]);
    expect(checkSmallestPruned(events)).toEqual([]);
    expect(checkEvaluatedPruned(events, shapes, inst.x)).toEqual([]);
    expect(checkRewindToTheta0(events)).toEqual([]);
    expect(checkPrunedStayZero(events)).toEqual([]);
    // the tiny-count rule engaged: a 10 % round of fewer than 5 weights prunes nothing, then 1/count takes over
    expect(events.filter((e) => e.kind === 'pruned').some((e) => e.fraction! > 0.1)).toBe(true);
  });

  test('each protocol check rejects a corrupted trace', () => {
    const { events } = traced();
    const copy = () => events.map((e) => ({ ...e, weights: e.weights.map((w) => w.slice()), masks: e.masks.map((m) => m.slice()) }));
    const revived = copy();
    const lastPruned = revived.filter((e) => e.kind === 'pruned').at(-1)!;
    const firstPruned = revived.find((e) => e.kind === 'pruned')!;
    const l0 = firstPruned.masks[0]!.findIndex((b) => b === 0);
    lastPruned.masks[0]![l0] = 1;
    expect(checkMasksOnlyShrink(revived)).not.toEqual([]);
    expect(checkPruneCounts(revived, base.fraction)).not.toEqual([]);
    // pruning a large survivor in place of a small one: counts and masks look right, magnitudes do not
    const swapped = copy();
    const p = swapped.filter((e) => e.kind === 'pruned').at(-1)!;
    const trained = swapped.find((e) => e.kind === 'trained' && e.round === p.round)!;
    const positions = p.masks.flatMap((m, l) => Array.from(m, (_, q) => [l, q] as const));
    const mag = ([l, q]: readonly [number, number]) => Math.abs(trained.weights[l]![q]!);
    const removed = positions.find(([l, q]) => p.masks[l]![q] === 0 && trained.masks[l]![q] === 1)!;
    const kept = positions.filter(([l, q]) => p.masks[l]![q] === 1).reduce((a, b) => (mag(b) > mag(a) ? b : a));
    p.masks[removed[0]]![removed[1]] = 1;
    p.masks[kept[0]]![kept[1]] = 0;
    expect(checkMasksOnlyShrink(swapped)).toEqual([]);
    expect(checkPruneCounts(swapped, base.fraction)).toEqual([]);
    expect(checkSmallestPruned(swapped)).not.toEqual([]);
    // scoring the network before its pruning
    const early = copy();
    const ev = early.find((e) => e.kind === 'evaluated' && e.round === 1)!;
    ev.prediction = mlpForward(early.find((e) => e.kind === 'trained' && e.round === 1)!.weights, shapes, inst.x);
    expect(checkEvaluatedPruned(early, shapes, inst.x)).not.toEqual([]);
    const badRewind = copy();
    const rw = badRewind.find((e) => e.kind === 'rewound')!;
    const i = rw.masks[0]!.findIndex((b) => b === 1);
    rw.weights[0]![i] = rw.weights[0]![i]! + 1e-7;
    expect(checkRewindToTheta0(badRewind)).not.toEqual([]);
    const leaky = copy();
    const tr = leaky.filter((e) => e.kind === 'trained').at(-1)!;
    const j = tr.masks[0]!.findIndex((b) => b === 0);
    tr.weights[0]![j] = 1e-9;
    expect(checkPrunedStayZero(leaky)).not.toEqual([]);
  });

  test("a run with the wrong fraction fails the reference's count rule; the previous check, reading the run's own fraction, passed it", () => {
    const { events } = traced({ fraction: 0.15 });
    expect(checkPruneCounts(events, 0.1)).not.toEqual([]);
    let before = events.find((e) => e.kind === 'start')!.masks.reduce((a, m) => a + m.reduce((x, y) => x + y, 0), 0);
    for (const e of events.filter((q) => q.kind === 'pruned')) {
      const after = e.masks.reduce((a, m) => a + m.reduce((x, y) => x + y, 0), 0);
      expect(after).toBe(before - Math.min(before, roundHalfEven(e.fraction! * before)));
      before = after;
    }
  });

  test('a training loss that becomes non-finite is a divergence (loss blow-up), dated at its Adam step', () => {
    let err: unknown = null;
    try {
      traced({ adam: { lr: 1e30, beta1: 0.9, beta2: 0.999, eps: 1e-8 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).why).toBe('loss blow-up');
    expect((err as DivergenceError).step).toBeGreaterThanOrEqual(1); // the first step's loss is the initial network's
  });

  test("the reference's ranking: from round 2 pruning ranks the weights one step before the round's end; the fair protocol ranks the final ones and scores the mask after one more round from θ₀", () => {
    const ref = traced();
    const rankedRounds = ref.events.filter((e) => e.kind === 'trained' && e.ranked).map((e) => e.round);
    expect(rankedRounds[0]).toBe(1);
    expect(rankedRounds.length).toBe(ref.res.rounds.length - 1);
    const fair = traced({ ranking: 'final', retrainFinal: true }, [20]); // at 3 weights the net is dead either way
    expect(fair.events.some((e) => e.kind === 'trained' && e.ranked)).toBe(false);
    const t = fair.res.targets[0]!;
    // after the target's round: a rewind to θ₀ on the next round's draws, then the second evaluation of that round
    const kinds = fair.events.map((e) => `${e.kind}:${e.round}`);
    const at = kinds.lastIndexOf(`evaluated:${t.round}`);
    expect(kinds.indexOf(`evaluated:${t.round}`)).toBeLessThan(at);
    expect(kinds.slice(0, at)).toContain(`rewound:${t.round + 1}`);
    expect(checkRewindToTheta0(fair.events)).toEqual([]);
    expect(t.metric).not.toBe(fair.res.rounds[t.round]!.metric);
  });

  test('same seed ⇒ the same run on the same backend', () => {
    const a = traced().res;
    const b = traced().res;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  test('one-shot mode prunes the dense net straight to s; a tiny net (N ≤ s) trains once and prunes 10 %', () => {
    const one = traced({ mode: 'one-shot' }, [7, 3]);
    expect(one.res.targets.map((t) => t.nnz)).toEqual([7, 3]);
    const tinyInst = plant({ d: 2, m: 2, k: 1, layers: 1, s: 2, n: 30, seed: 1 });
    const r = runImp(tinyInst.x, tinyInst.y, [100], { ...base, d: 2, m: 2 }, () => ({ metric: 0, details: {} }));
    expect(r.rounds).toHaveLength(1);
    expect(r.targets[0]!.nnz).toBe(6 - 1); // N = 2·2 + 2 = 6, round(0.6) = 1 pruned
  });

  test('the hand-written backward pass equals autodiff, gradient by gradient (MSE and cross-entropy, with pruned weights)', () => {
    const shapes = mlpShapes(4, 3, 2, 2);
    const init = initialWeights(shapes, 5);
    const masks = shapes.map(([a, b]) => Uint8Array.from({ length: a * b }, (_, i) => (i % 5 === 3 ? 0 : 1)));
    const pruned = init.map((w, l) => w.map((v, i) => (masks[l]![i] ? v : 0)));
    const x = tf.randomNormal([7, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
    const yRaw = tf.randomNormal([7, 2], 0, 1, 'float32', 2) as tf.Tensor2D;
    for (const loss of ['mse', 'cross-entropy'] as const) {
      const y = loss === 'mse' ? yRaw : (tf.cast(tf.oneHot(tf.argMax(yRaw, 1), 2), 'float32') as tf.Tensor2D);
      const ours = handWritten(shapes, pruned, masks, x, y, loss);
      const reference = autodiff(shapes, pruned, x, y, loss);
      expect(gradientMismatch(ours, reference, masks)).toBeLessThanOrEqual(GRAD_TOL);
      ours.forEach((g, l) =>
        g.forEach((v, i) => {
          if (!masks[l]![i]) expect(v === 0).toBe(true);
        }),
      );
      // a backward pass off by a factor 2 fails this comparison …
      const doubled = ours.map((g) => g.map((v) => 2 * v));
      expect(gradientMismatch(doubled, reference, masks)).toBeGreaterThan(GRAD_TOL);
      // … but passed the previous check, which compared weights after Adam's first step: −lr·g/(|g| + eps) ≈ −lr·sign(g)
      const adamFirstStep = (g: number) => -1e-3 * (g / (Math.abs(g) + 1e-8));
      reference.forEach((g, l) =>
        g.forEach((v, i) => {
          if (masks[l]![i]) expect(Math.abs(adamFirstStep(doubled[l]![i]!) - adamFirstStep(v))).toBeLessThanOrEqual(2e-6);
        }),
      );
    }
  });
});

/** float32 gradients: agreement relative to each layer's largest gradient */
const GRAD_TOL = 1e-5;

function handWritten(
  shapes: Array<[number, number]>,
  w: Float32Array[],
  masks: Uint8Array[],
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  loss: 'mse' | 'cross-entropy',
): Float32Array[] {
  const mlp = new DenseMlp(shapes, w, masks);
  const grads = tf.tidy(() => mlp.gradients(x, y, loss).grads.map((g) => Float32Array.from(g.dataSync())));
  mlp.dispose();
  return grads;
}

function autodiff(shapes: Array<[number, number]>, w: Float32Array[], x: tf.Tensor2D, y: tf.Tensor2D, loss: 'mse' | 'cross-entropy'): Float32Array[] {
  const vars = w.map((v, l) => tf.variable(tf.tensor2d(v, shapes[l]!)));
  const f = () => {
    let a: tf.Tensor = x;
    vars.forEach((v, l) => {
      const z = tf.matMul(a, v);
      a = l < vars.length - 1 ? tf.relu(z) : z;
    });
    return (loss === 'mse' ? tf.mean(tf.square(tf.sub(a, y))) : tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(a)), 1)))) as tf.Scalar;
  };
  const { grads } = tf.variableGrads(f);
  const out = vars.map((v) => Float32Array.from(grads[v.name]!.dataSync()));
  vars.forEach((v) => v.dispose());
  return out;
}

/** Largest |ours − reference| over surviving weights, relative to the layer's largest |reference|. */
function gradientMismatch(ours: Float32Array[], reference: Float32Array[], masks: Uint8Array[]): number {
  let worst = 0;
  reference.forEach((g, l) => {
    const scale = Math.max(...Array.from(g, Math.abs), 1e-30);
    g.forEach((v, i) => {
      if (masks[l]![i]) worst = Math.max(worst, Math.abs(ours[l]![i]! - v) / scale);
    });
  });
  return worst;
}

describe('backends agree', () => {
  test('wasm and cpu give the same trained weights within 1e-4 (float32 accumulation order differs)', async () => {
    const run = () => {
      const shapes = mlpShapes(6, 5, 1, 1);
      const mlp = new DenseMlp(
        shapes,
        initialWeights(shapes, 2),
        shapes.map(([a, b]) => new Uint8Array(a * b).fill(1)),
      );
      const x = tf.tensor2d(inst.x.data as Float32Array, [inst.x.rows, inst.x.cols]);
      const y = tf.tensor2d(Float32Array.from(inst.y), [inst.x.rows, 1]);
      for (let t = 0; t < 20; t++) mlp.step(x, y, 'mse');
      const w = mlp.read();
      mlp.dispose();
      return w;
    };
    await initBackend('cpu');
    const cpu = run();
    const wasm = await initBackend('wasm');
    expect(wasm.name).toBe('wasm');
    const other = run();
    cpu.forEach((w, l) => w.forEach((v, i) => expect(Math.abs(v - other[l]![i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(v)))));
    await initBackend('cpu');
  });
  test('a forced backend that cannot load is a clear error', async () => {
    await expect(initBackend('tensorflow')).rejects.toThrow(/--backend tensorflow/);
  });
});
