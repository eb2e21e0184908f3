// Global magnitude pruning as the reference does it (SPEC §4): each round removes
// round-half-to-even(fraction × surviving weights) of the smallest |w| across all layers.

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Weights removed by one round: round-half-to-even(fraction × unpruned). */
export function pruneCount(fraction: number, unpruned: number): number {
  return roundHalfEven(fraction * unpruned);
}

/**
 * Zero the `count` smallest-magnitude surviving weights across all layers (ties: earlier layer, then
 * lower index, first) and clear their mask bits. Returns how many were pruned.
 */
export function globalMagnitudePrune(weights: Float32Array[], masks: Uint8Array[], count: number): number {
  if (count <= 0) return 0;
  const cand: Array<[number, number, number]> = []; // |w|, layer, index
  weights.forEach((w, l) => {
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
 * The reference's schedule state: a fraction that switches permanently to 1/count when a round fails
 * to reduce the count (tiny counts), so that about one weight goes per round from then on.
 */
export class PruneSchedule {
  constructor(public fraction: number) {}
  /** Call after a round: `before` and `after` are the surviving counts. */
  observe(before: number, after: number): void {
    if (after >= before && after > 0) this.fraction = 1 / after;
  }
}
