// Checks of the IMP protocol over a trace of one run (SPEC §4). Each returns a list of violations
// (empty = the protocol held), so a test can show them failing on a corrupted trace.
import type { ImpEvent } from './imp.js';
import { countUnpruned, pruneCount } from './prune.js';

export function checkMasksOnlyShrink(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  const pruned = events.filter((e) => e.kind === 'pruned');
  for (let r = 1; r < pruned.length; r++) {
    pruned[r]!.masks.forEach((m, l) => m.forEach((bit, i) => { if (bit && !pruned[r - 1]!.masks[l]![i]) out.push(`round ${r}: weight ${l}/${i} came back`); }));
  }
  return out;
}

/** nnz after each round = before − round-half-to-even(fraction × before), exactly. */
export function checkPruneCounts(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  let before = countUnpruned(events.find((e) => e.kind === 'start')!.masks);
  for (const e of events.filter((ev) => ev.kind === 'pruned')) {
    const after = countUnpruned(e.masks);
    const want = before - Math.min(before, pruneCount(e.fraction!, before));
    if (after !== want) out.push(`round ${e.round}: ${after} weights left, expected ${want}`);
    before = after;
  }
  return out;
}

/** After each rewind, survivors equal θ₀ bit for bit and pruned weights are 0. */
export function checkRewindToTheta0(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  const theta0 = events.find((e) => e.kind === 'start')!.weights;
  for (const e of events.filter((ev) => ev.kind === 'rewound')) {
    e.weights.forEach((w, l) => w.forEach((v, i) => {
      const want = e.masks[l]![i] ? theta0[l]![i]! : 0;
      if (!Object.is(v, want)) out.push(`round ${e.round}: weight ${l}/${i} is ${v}, θ₀ gives ${want}`);
    }));
  }
  return out;
}

/** Pruned weights stay exactly 0 through training. */
export function checkPrunedStayZero(events: readonly ImpEvent[]): string[] {
  const out: string[] = [];
  for (const e of events.filter((ev) => ev.kind === 'trained')) {
    e.weights.forEach((w, l) => w.forEach((v, i) => { if (!e.masks[l]![i] && v !== 0) out.push(`round ${e.round}: pruned weight ${l}/${i} is ${v}`); }));
  }
  return out;
}
