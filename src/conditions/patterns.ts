// Coverage ε = min_j tr(D_j)/n and separation γ = min_{i≠j} Hamming(D_i, D_j)/n of the activation
// patterns of a lifted operator's live blocks (SPEC §2.1). Gates are bit-packed: Hamming = popcount.
import type { LiftedOperator } from '../lifted/operator.js';

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export interface PatternStats {
  /** min_j tr(D_j)/n over live blocks */
  coverage: number;
  /** min_{i≠j} Hamming(D_i, D_j)/n over pairs of live blocks (1 when fewer than two live blocks) */
  separation: number;
  /** the pair attaining the separation */
  closestPair: [number, number] | null;
  liveBlocks: number;
  deadBlocks: number;
}

export function patternStats(A: LiftedOperator): PatternStats {
  const n = A.rows;
  const words = Math.ceil(n / 32);
  const gate = new Uint8Array(n);
  const packed: Uint32Array[] = [];
  const ids: number[] = [];
  let coverage = Infinity;
  let dead = 0;
  for (let j = 0; j < A.numBlocks; j++) {
    if (A.isZeroBlock(j)) {
      dead++;
      continue;
    }
    A.gate(j, gate);
    const bits = new Uint32Array(words);
    let on = 0;
    for (let i = 0; i < n; i++)
      if (gate[i]) {
        bits[i >>> 5]! |= 1 << (i & 31);
        on++;
      }
    coverage = Math.min(coverage, on / n);
    packed.push(bits);
    ids.push(j);
  }
  let sep = Infinity;
  let pair: [number, number] | null = null;
  for (let a = 0; a < packed.length; a++) {
    for (let b = a + 1; b < packed.length; b++) {
      let h = 0;
      const pa = packed[a]!;
      const pb = packed[b]!;
      for (let w = 0; w < words; w++) h += popcount(pa[w]! ^ pb[w]!);
      if (h / n < sep) {
        sep = h / n;
        pair = [ids[a]!, ids[b]!];
      }
    }
  }
  return { coverage: packed.length ? coverage : 0, separation: packed.length > 1 ? sep : 1, closestPair: pair, liveBlocks: packed.length, deadBlocks: dead };
}
