// The WebAssembly engine equals its TypeScript oracle bit for bit, product by product and over whole
// IHT runs; both checks reject an engine that only reassociates a sum.
import { describe, expect, test } from 'vitest';
import { CELL_FIELDS } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { runCell } from '../src/run/run-cell.js';
import { TypeScriptEngine } from '../src/lifted/engines/typescript.js';
import { KERNELS } from '../src/lifted/operator.js';
import { AUTO_ENGINE } from '../src/lifted/streaming.js';
import type { Matrix } from '../src/linalg/matrix.js';
import { engineCase } from './arbitraries/engine-case.js';
import { checkEngineBitIdentical, checkSameRecord } from './engines.suite.js';
import { smallCell } from './arbitraries/small-cell.js';
import { property, rejects } from './harness.js';

const FILE = 'properties/engines.prop.test.ts';

const cells = smallCell({ maxM: 6, maxS: 16, maxN: 300, maxEpochs: 6, batches: [0, 64] });

/** Sums each row's products right to left: the same terms, reassociated. */
class ReversedApplyEngine extends TypeScriptEngine {
  private ref: { idx: ArrayLike<number>; val: ArrayLike<number>; out: Float64Array } | null = null;
  constructor(private readonly xm: Matrix) {
    super(xm);
  }
  override beginApply(idx: ArrayLike<number>, val: ArrayLike<number>, count: number, out: Float64Array): void {
    super.beginApply(idx, val, count, out);
    this.ref = { idx, val, out };
  }
  override applyRun(slot: number, w0: number, w1: number, a: number, b: number): void {
    const { idx, val, out } = this.ref!;
    const { cols: d, data } = this.xm;
    const gate = new Uint8Array(this.xm.rows);
    this.readGate(slot, gate);
    for (let i = w0 * 32; i < Math.min(this.xm.rows, w1 * 32); i++) {
      if (!gate[i]) continue;
      let s = 0;
      for (let t = b - 1; t >= a; t--) s += data[i * d + (idx[t]! % d)]! * val[t]!;
      out[i]! += s;
    }
  }
}
const reversed = (x: Matrix) => new ReversedApplyEngine(x);

describe('streaming-kernel engines', () => {
  test(`this process computes with the ${AUTO_ENGINE} engine; the config offers every kernel`, () => {
    expect(AUTO_ENGINE).toBe('wasm-simd'); // Node 20 runs WebAssembly SIMD: a fallback here would be a regression
    expect([...CELL_FIELDS.kernel.choices]).toEqual([...KERNELS]);
  });
  test('records name the engine that computed them', () => {
    const cell = { ...defaults(CELL_FIELDS), task: 'planted' as const, n: 60, d: 4, m: 2, s: 4, epochs: 2 };
    expect(runCell({ ...cell, kernel: 'streaming' }).kernelEngine).toBe('wasm-simd');
    expect(runCell({ ...cell, kernel: 'streaming-ts' }).kernelEngine).toBe('typescript');
    expect(runCell({ ...cell, kernel: 'dense' }).kernelEngine).toBeNull();
  });
  property('wasm-simd engine: every product equals the TypeScript oracle bit for bit', engineCase(), (c) => checkEngineBitIdentical(c, 'wasm-simd'), {
    numRuns: 60,
    file: FILE,
  });
  property('kernel streaming (wasm-simd) gives the same IHT record as streaming-ts, bit for bit', cells, (c) => checkSameRecord(c), {
    numRuns: 12,
    file: FILE,
  });
  test('rejects a broken variant: an engine that sums the same products in reverse order', () => {
    expect(rejects(engineCase(), (c) => checkEngineBitIdentical(c, reversed), 30)).toBe(true);
  });
  test('rejects a broken variant: the dense oracle (same maths, different rounding) does not give the same record', () => {
    expect(rejects(cells, (c) => checkSameRecord({ ...c, n: 300, d: 8, m: 4, s: 12, epochs: 6 }, 'dense'), 10)).toBe(true);
  });
});
