// Recovery metrics up to a permutation of hidden units (SPEC §5.2 layout note): IHT's blocks are
// seeded by random generators, so learned block j may carry planted unit π(j). Units are matched
// greedily by smallest squared distance (exact when the recovery is exact and units are distinct).
import type { SparseColumn } from '../network/sparse-mlp.js';
import type { SparseVector } from '../sparse/sparse-vector.js';

function norm2(c: SparseColumn): number {
  let s = 0;
  for (let t = 0; t < c.val.length; t++) if (c.val[t] !== 0) s += c.val[t]! * c.val[t]!;
  return s;
}

/** ‖a − b‖² by merging sorted sparse columns (no cancellation). */
function columnDistSquared(a: SparseColumn, b: SparseColumn): number {
  let s = 0;
  let p = 0;
  let q = 0;
  while (p < a.idx.length || q < b.idx.length) {
    const ia = p < a.idx.length ? a.idx[p]! : Infinity;
    const ib = q < b.idx.length ? b.idx[q]! : Infinity;
    let e: number;
    if (ia === ib) e = a.val[p++]! - b.val[q++]!;
    else if (ia < ib) e = a.val[p++]!;
    else e = -b.val[q++]!;
    s += e * e;
  }
  return s;
}

function supportOf(c: SparseColumn): string {
  const out: number[] = [];
  for (let t = 0; t < c.idx.length; t++) if (c.val[t] !== 0) out.push(c.idx[t]!);
  return out.join(',');
}

/**
 * Coordinate-wise comparison with a ground truth at known positions (the theorem form, Gaussian sensing):
 * ‖ŵ − w*‖/‖w*‖, and whether the nonzeros of ŵ sit exactly on supp(w*).
 */
export function compareCoordinates(w: SparseVector, wStar: SparseVector): { relErr: number; supportExact: boolean } {
  const truth = new Map(Array.from(wStar.indices(), (i, k) => [i, wStar.values()[k]!] as const));
  const got = new Map<number, number>();
  w.indices().forEach((i, k) => {
    if (w.values()[k] !== 0) got.set(i, w.values()[k]!);
  });
  let err = 0;
  for (const [i, v] of truth) err += (v - (got.get(i) ?? 0)) ** 2;
  for (const [i, v] of got) if (!truth.has(i)) err += v * v;
  let norm = 0;
  for (const v of truth.values()) norm += v * v;
  return { relErr: Math.sqrt(err / norm), supportExact: got.size === truth.size && [...truth.keys()].every((i) => got.has(i)) };
}

export interface UnitComparison {
  /** ‖ŵ − π(w*)‖ / ‖w*‖ under the best matching found */
  relErr: number;
  /** supports equal as sets, unit by unit, under that matching, and no extra or missing unit */
  supportExact: boolean;
  matchedUnits: number;
  learnedUnits: number;
  plantedUnits: number;
}

export function compareUpToPermutation(learned: readonly SparseColumn[], planted: readonly SparseColumn[]): UnitComparison {
  const L = learned.filter((c) => norm2(c) > 0);
  const P = planted.filter((c) => norm2(c) > 0);
  const pairs: Array<[number, number, number]> = [];
  for (let a = 0; a < L.length; a++) for (let b = 0; b < P.length; b++) pairs.push([columnDistSquared(L[a]!, P[b]!), a, b]);
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const usedL = new Uint8Array(L.length);
  const usedP = new Uint8Array(P.length);
  let err = 0;
  let matched = 0;
  let supportExact = true;
  for (const [dist, a, b] of pairs) {
    if (usedL[a] || usedP[b]) continue;
    // A match must be closer than leaving both unmatched; otherwise they count as extra + missing.
    if (dist >= norm2(L[a]!) + norm2(P[b]!)) continue;
    usedL[a] = 1;
    usedP[b] = 1;
    matched++;
    err += dist;
    if (supportOf(L[a]!) !== supportOf(P[b]!)) supportExact = false;
  }
  L.forEach((c, a) => {
    if (!usedL[a]) {
      err += norm2(c);
      supportExact = false;
    }
  });
  P.forEach((c, b) => {
    if (!usedP[b]) {
      err += norm2(c);
      supportExact = false;
    }
  });
  const total = P.reduce((acc, c) => acc + norm2(c), 0);
  return { relErr: total > 0 ? Math.sqrt(err / total) : Math.sqrt(err), supportExact, matchedUnits: matched, learnedUnits: L.length, plantedUnits: P.length };
}
