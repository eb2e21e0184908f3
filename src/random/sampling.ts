// Sampling on a named stream: standard normal draws (optionally rounded to float32, as the reference's data
// are) and k of n indices without replacement.
import type { RandomStream } from './streams.js';

/** Fill `out` with standard normal draws, optionally rounded to float32 (the reference's data are float32). */
export function fillNormal(rng: RandomStream, out: Float64Array | Float32Array, roundToFloat32 = false): void {
  for (let i = 0; i < out.length; i++) {
    const v = rng.normal();
    out[i] = roundToFloat32 ? Math.fround(v) : v;
  }
}

/** k distinct integers from [0, size): a uniform k-subset (Floyd's algorithm). The order of the
 *  returned values is not a uniform permutation: sort them or shuffle separately. */
export function sampleWithoutReplacement(rng: RandomStream, size: number, k: number): Int32Array {
  if (k > size) throw new RangeError(`cannot draw ${k} distinct values from ${size}`);
  const chosen = new Set<number>();
  const order = new Int32Array(k);
  let c = 0;
  for (let j = size - k; j < size; j++) {
    const t = rng.int(j + 1);
    const pick = chosen.has(t) ? j : t;
    chosen.add(pick);
    order[c++] = pick;
  }
  return order;
}
