// Global magnitude pruning as the reference does it (SPEC §4): each round removes
// round-half-to-even(amount × surviving weights) of the smallest |w| across all layers, where the
// reference derives `amount` from a target weight count through the total N (see PruneSchedule).

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Weights removed by one round: round-half-to-even(amount × unpruned) (PyTorch's pruning of the survivors). */
export function pruneCount(amount: number, unpruned: number): number {
  return roundHalfEven(amount * unpruned);
}

/**
 * Zero the `count` surviving weights of smallest magnitude in `ranked` across all layers (ties: earlier
 * layer, then lower index, first) and clear their mask bits. `ranked` is what the ranking reads: the
 * weights themselves, or (the reference from its second round on) their values one Adam step earlier.
 * Returns how many were pruned.
 */
export function globalMagnitudePrune(weights: Float32Array[], masks: Uint8Array[], count: number, ranked: readonly Float32Array[] = weights): number {
  if (count <= 0) return 0;
  const cand: Array<[number, number, number]> = []; // |w|, layer, index
  ranked.forEach((w, l) => {
    const m = masks[l]!;
    for (let i = 0; i < w.length; i++) if (m[i]) cand.push([Math.abs(w[i]!), l, i]);
  });
  cand.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const k = Math.min(count, cand.length);
  for (let t = 0; t < k; t++) {
    const [, l, i] = cand[t]!;
    masks[l]![i] = 0;
    weights[l]![i] = 0;
  }
  return k;
}

export function countUnpruned(masks: Uint8Array[]): number {
  return masks.reduce((acc, m) => acc + m.reduce((a, b) => a + b, 0), 0);
}

/**
 * The reference's schedule, in its float64 arithmetic: it keeps a per-round fraction f and a target
 * s_i = (1 − f)·N, and each prune call turns that back into amount = 1 − s_i/N (clamped to [0, 1]).
 * So with f = 0.1 the amount is 1 − 0.9 = 0.09999999999999998, not 0.1, and the count differs from
 * round-half-even(0.1·n) when 0.1·n ends in .5 (INR-MNIST, m = 5, N = 7,505: 6,755 then 6,080 kept).
 * When a round fails to reduce the count, f switches for good to 1/count (about one weight per round).
 */
export class PruneSchedule {
  private fraction: number;
  constructor(
    fraction: number,
    readonly total: number,
  ) {
    this.fraction = fraction;
  }
  /** the amount the next prune call uses */
  get amount(): number {
    const target = (1 - this.fraction) * this.total;
    return Math.min(Math.max(1 - target / this.total, 0), 1);
  }
  /** Call after a round: `before` and `after` are the surviving counts. */
  observe(before: number, after: number): void {
    if (after >= before && after > 0) this.fraction = 1 / after;
  }
}

/** Rounds IMP needs to go from N to s weights at `fraction` per round: ⌈ln(s/N)/ln(1 − fraction)⌉ (tiny-count tail aside). */
export function expectedRounds(N: number, s: number, fraction: number): number {
  return s >= N ? 1 : Math.ceil(Math.log(s / N) / Math.log(1 - fraction));
}
