// Checks of the IMP protocol over a trace of one run (SPEC §4), written from outside the implementation:
// the expected counts come from the reference's rule restated here, not from the schedule the run used.
// Each returns a list of violations (empty = the protocol held), so a test can show them failing on a
// corrupted trace or a wrong implementation.
import type { ImpEvent } from './imp.js';

const unpruned = (masks: readonly Uint8Array[]) => masks.reduce((acc, m) => acc + m.reduce((a, b) => a + b, 0), 0);

/** Python's round() of a non-negative number (halves to even), restated so the checker shares no code with the pruner. */
function pythonRound(x: number): number {
  const f = Math.floor(x);
  return x - f > 0.5 || (x - f === 0.5 && f % 2 === 1) ? f + 1 : f;
}

export function checkMasksOnlyShrink(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  const pruned = events.filter((e) => e.kind === 'pruned');
  for (let r = 1; r < pruned.length; r++) {
    pruned[r]!.masks.forEach((m, l) =>
      m.forEach((bit, i) => {
        if (bit && !pruned[r - 1]!.masks[l]![i]) out.push(`round ${r}: weight ${l}/${i} came back`);
      }),
    );
  }
  return out;
}

/**
 * The reference's counts (baselines.py): with fraction f of N weights, its target s_i = (1 − f)·N and each
 * prune call removes round((1 − s_i/N)·unpruned); when a round removes nothing, f := 1/unpruned for good.
 */
export function checkPruneCounts(events: readonly ImpEvent[], fraction: number): string[] {
  const out: string[] = [];
  const start = events.find((e) => e.kind === 'start')!;
  const N = unpruned(start.masks);
  let f = fraction;
  let before = N;
  for (const e of events.filter((ev) => ev.kind === 'pruned')) {
    const amount = Math.min(Math.max(1 - ((1 - f) * N) / N, 0), 1);
    const want = before - Math.min(before, pythonRound(amount * before));
    const after = unpruned(e.masks);
    if (after !== want) out.push(`round ${e.round}: ${after} weights left, the reference's rule leaves ${want}`);
    if (after >= before && after > 0) f = 1 / after;
    before = after;
  }
  return out;
}

/** Each round pruned the smallest-magnitude survivors of what it ranks (the trained weights, or the weights
 *  one step earlier that PyTorch ranks), globally across all layers (ties either way). */
export function checkSmallestPruned(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  for (const p of events.filter((e) => e.kind === 'pruned')) {
    const trained = events.find((e) => e.kind === 'trained' && e.round === p.round)!;
    let largestRemoved = -Infinity;
    let smallestKept = Infinity;
    trained.masks.forEach((m, l) =>
      m.forEach((bit, i) => {
        if (!bit) return;
        const mag = Math.abs((trained.ranked ?? trained.weights)[l]![i]!);
        if (p.masks[l]![i]) smallestKept = Math.min(smallestKept, mag);
        else largestRemoved = Math.max(largestRemoved, mag);
      }),
    );
    if (largestRemoved > smallestKept) out.push(`round ${p.round}: pruned a weight of magnitude ${largestRemoved} while keeping one of ${smallestKept}`);
  }
  return out;
}

/** Dense forward pass of the bias-free MLP ([in, out] row-major layers, ReLU between), float64. */
export function mlpForward(
  weights: readonly Float32Array[],
  shapes: ReadonlyArray<readonly [number, number]>,
  x: { rows: number; cols: number; data: ArrayLike<number> },
): Float64Array {
  let a = Float64Array.from(x.data);
  let width = x.cols;
  weights.forEach((w, l) => {
    const [fanIn, fanOut] = shapes[l]!;
    if (fanIn !== width) throw new RangeError(`layer ${l} expects ${fanIn} inputs, has ${width}`);
    const z = new Float64Array(x.rows * fanOut);
    for (let r = 0; r < x.rows; r++)
      for (let o = 0; o < fanOut; o++) {
        let s = 0;
        for (let i = 0; i < fanIn; i++) s += a[r * fanIn + i]! * w[i * fanOut + o]!;
        z[r * fanOut + o] = l < weights.length - 1 && s < 0 ? 0 : s;
      }
    a = z;
    width = fanOut;
  });
  return a;
}

/**
 * Each round was evaluated on its pruned network, before any further training: the model held exactly the
 * pruned weights, and the scored predictions are that network's forward pass (float32 tolerance).
 */
export function checkEvaluatedPruned(
  events: readonly ImpEvent[],
  shapes: ReadonlyArray<readonly [number, number]>,
  evalData: { rows: number; cols: number; data: ArrayLike<number> },
): string[] {
  const out: string[] = [];
  for (const p of events.filter((e) => e.kind === 'pruned')) {
    const ev = events.find((e) => e.kind === 'evaluated' && e.round === p.round);
    if (!ev?.prediction) {
      out.push(`round ${p.round}: not evaluated`);
      continue;
    }
    p.weights.forEach((w, l) =>
      w.forEach((v, i) => {
        if (!Object.is(ev.weights[l]![i], v)) out.push(`round ${p.round}: evaluated weight ${l}/${i} is ${ev.weights[l]![i]}, the pruned network has ${v}`);
      }),
    );
    const want = mlpForward(p.weights, shapes, evalData);
    const scale = Math.max(1, ...Array.from(want, Math.abs));
    want.forEach((v, i) => {
      if (Math.abs(ev.prediction![i]! - v) > 1e-4 * scale) out.push(`round ${p.round}: prediction ${i} is ${ev.prediction![i]}, the pruned network gives ${v}`);
    });
  }
  return out;
}

/** After each rewind, survivors equal θ₀ bit for bit and pruned weights are 0. */
export function checkRewindToTheta0(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  const theta0 = events.find((e) => e.kind === 'start')!.weights;
  for (const e of events.filter((ev) => ev.kind === 'rewound')) {
    e.weights.forEach((w, l) =>
      w.forEach((v, i) => {
        const want = e.masks[l]![i] ? theta0[l]![i]! : 0;
        if (!Object.is(v, want)) out.push(`round ${e.round}: weight ${l}/${i} is ${v}, θ₀ gives ${want}`);
      }),
    );
  }
  return out;
}

/** Pruned weights stay exactly 0 through training. */
export function checkPrunedStayZero(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  for (const e of events.filter((ev) => ev.kind === 'trained')) {
    e.weights.forEach((w, l) =>
      w.forEach((v, i) => {
        if (!e.masks[l]![i] && v !== 0) out.push(`round ${e.round}: pruned weight ${l}/${i} is ${v}`);
      }),
    );
  }
  return out;
}
