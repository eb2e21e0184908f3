// The streaming kernel's memory does not grow with m at fixed s, and it never allocates anything of
// size n×s: with the TypeScript engine its largest buffer is one gate (n bytes) or one generator
// (d doubles); the WebAssembly engine adds a row list (n i32), one vector (n f64) and a support /
// sweep-output region that grows with s (or the sweep batch), never with m.
import { describe, expect, test } from 'vitest';
import { REFERENCE_SCALAR } from '../iht/params.js';
import { stepScalar } from '../iht/step-scalar.js';
import { plant } from '../network/plant.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import { DENSE_MAX_ENTRIES } from './dense.js';
import { LiftedOperator } from './operator.js';
import { DEFAULT_GATE_CACHE_BYTES, SWEEP_BATCH } from './streaming.js';

const n = 400,
  d = 10,
  s = 20;
const words = Math.ceil(n / 32);
const GATE = 4 * words;
const align = (b: number) => Math.ceil(b / 16) * 16;
/** engine scratch: TypeScript, one gate as bytes; wasm, row list + vector + two generators + the
 *  larger of the support region (≤ s entries of i32 + 2 f64) and a sweep batch's output */
const ENGINE = { 'streaming-ts': n, streaming: align(4 * n) + align(8 * n) + 2 * align(12 * d) + Math.max(align(4 * s) + 16 * s + 16, 8 * SWEEP_BATCH * d) };
/** fixed scratch: engine scratch, one generator, a scratch bitset, SWEEP_BATCH bitsets for the sweep */
const fixed = (kernel: Kernel) => ENGINE[kernel] + 8 * d + GATE + SWEEP_BATCH * GATE;
type Kernel = 'streaming' | 'streaming-ts';

function peakAfterIht(m: number, gateCacheBytes?: number, kernel: Kernel = 'streaming') {
  const inst = plant({ d, m, k: 1, layers: 1, s, n, seed: 1 });
  const A = new LiftedOperator(inst.x, m, 1, gateCacheBytes === undefined ? { kernel } : { gateCacheBytes, kernel });
  let w = new SparseVector(m * d, s);
  for (let t = 0; t < 4; t++) {
    w = stepScalar(A, inst.y, w, s, REFERENCE_SCALAR).w;
    if (t > 0) A.setGenerators(w);
  }
  return A.stats();
}

describe.each(['streaming', 'streaming-ts'] as const)('%s kernel memory', (kernel) => {
  test.each([10, 100, 1000])('m = %i: working memory ≤ fixed scratch + a cache of at most min(m, s) gate bitsets; no n×s buffer', (m) => {
    const st = peakAfterIht(m, undefined, kernel);
    expect(st.peakWorkingBytes).toBeLessThanOrEqual(fixed(kernel) + Math.min(DEFAULT_GATE_CACHE_BYTES, GATE * Math.min(m, s)));
    expect(st.largestAllocationBytes).toBeLessThanOrEqual(kernel === 'streaming' ? Math.max(8 * n, 8 * SWEEP_BATCH * d) : Math.max(n, 8 * d));
    expect(st.largestAllocationBytes).toBeLessThan(n * s);
  });
  test('the gate cache honours its byte budget (here: room for 3 gates)', () => {
    const st = peakAfterIht(100, 3 * GATE, kernel);
    expect(st.peakWorkingBytes).toBeLessThanOrEqual(fixed(kernel) + 3 * GATE);
  });
  test('peak working memory is the same for m = 100 and m = 1000 at fixed s', () => {
    const a = peakAfterIht(100, undefined, kernel).peakWorkingBytes;
    const b = peakAfterIht(1000, undefined, kernel).peakWorkingBytes;
    expect(b).toBeLessThanOrEqual(fixed(kernel) + GATE * s);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(GATE * s);
  });
});

describe('lifted operator checks', () => {
  test('the dense oracle refuses sizes beyond its documented limit, naming the streaming kernel', () => {
    const side = Math.ceil(Math.sqrt(DENSE_MAX_ENTRIES / 2)) + 1; // n·m·d = side·side·2 > limit
    const x = { rows: side, cols: 2, data: new Float32Array(side * 2) };
    expect(() => new LiftedOperator(x, side, 0, { kernel: 'dense' })).toThrow(/streaming kernel/);
  });
  test('argument checks name the bad argument', () => {
    const inst = plant({ d: 3, m: 2, k: 1, layers: 1, s: 2, n: 5, seed: 0 });
    const A = new LiftedOperator(inst.x, 2, 0);
    expect(() => A.adjointBlock(2, new Float64Array(5), new Float64Array(3))).toThrow(/block 2/);
    expect(() => A.applySupport([1, 0], [1, 1], new Float64Array(5))).toThrow(/increasing/);
    expect(() => A.applySupport([6], [1], new Float64Array(5))).toThrow(/column 6/);
    expect(() => A.adjointSupport([0], new Float64Array(2), new Float64Array(1))).toThrow(/residual/);
    expect(() => new LiftedOperator(inst.x, 0, 0)).toThrow(/m must be/);
    expect(() => A.setGenerators(new SparseVector(3, 2))).toThrow(/length/);
  });
});
