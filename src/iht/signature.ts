// Cheap fingerprints of the state that defines "convergence" (SPEC §7.7): the support of the
// iterate and the activation patterns of all live blocks. FNV-1a, two independent 32-bit lanes.
import type { LiftedOperator } from '../lifted/operator.js';

class Fnv {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;
  add(x: number): void {
    this.a = Math.imul(this.a ^ (x & 0xff), 0x01000193) >>> 0;
    this.a = Math.imul(this.a ^ ((x >>> 8) & 0xffffff), 0x01000193) >>> 0;
    this.b = Math.imul(this.b ^ x, 0x5bd1e995) >>> 0;
    this.b = (this.b ^ (this.b >>> 15)) >>> 0;
  }
  digest(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
  }
}

export function supportSignature(indices: ArrayLike<number>, limit = Infinity): string {
  const h = new Fnv();
  for (let t = 0; t < indices.length; t++) if (indices[t]! < limit) h.add(indices[t]!);
  return h.digest();
}

/** Fingerprint of every live block's gate: its index, then its bitset word by word (n/32 words per gate). */
export function gateSignature(A: LiftedOperator): string {
  const h = new Fnv();
  const words = new Uint32Array(Math.ceil(A.rows / 32));
  for (let j = 0; j < A.numBlocks; j++) {
    if (A.isZeroBlock(j)) continue;
    A.gateWords(j, words);
    h.add(j);
    for (let k = 0; k < words.length; k++) h.add(words[k]!);
  }
  return h.digest();
}

/**
 * Records one state per step; the convergence step is the first recorded step from which the
 * state never changes again through the end (0-based). It is null when the run has not converged:
 * the last step still changed the state (or fewer than two steps were recorded).
 */
export class ConvergenceTracker {
  private readonly states: string[] = [];
  record(state: string): void {
    this.states.push(state);
  }
  get length(): number {
    return this.states.length;
  }
  convergenceStep(): number | null {
    const n = this.states.length;
    if (n < 2 || this.states[n - 2] !== this.states[n - 1]) return null;
    let t = n - 2;
    while (t > 0 && this.states[t - 1] === this.states[n - 1]) t--;
    return t;
  }
}
