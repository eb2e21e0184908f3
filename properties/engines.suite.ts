// Property suite for the streaming kernel's arithmetic engines: every product of a candidate engine
// equals the TypeScript oracle's bit for bit (Object.is on every entry), and a whole IHT run gives the
// same record. Bit-identity, not a tolerance, is the contract: it is what lets the fast engine replace
// the oracle without changing a single reproduced number.
import type { CellConfig } from '../src/config/cell-config.js';
import { defaults } from '../src/config/fields.js';
import { CELL_FIELDS } from '../src/config/cell-config.js';
import { RandomGenerators, VectorGenerators } from '../src/lifted/generators.js';
import { StreamingKernel, type EngineChoice } from '../src/lifted/streaming.js';
import type { Matrix } from '../src/linalg/matrix.js';
import { runCell } from '../src/run/run-cell.js';
import { PROVENANCE_FIELDS, TIMING_FIELDS, type CellRecord } from '../src/run/record.js';
import type { EngineCase } from './arbitraries/engine-case.js';
import { dataOf, sparseOf, vectorOf } from './instances.js';
import { PropertyViolation } from './violation.js';

function dataIn(c: EngineCase): Matrix {
  const x = dataOf(c.spec);
  return c.element === 'f32' ? x : { ...x, data: Float64Array.from(x.data, (v, i) => v * (1 + 2 ** -30 * (i % 7))) };
}

function sameBits(what: string, got: ArrayLike<number>, want: ArrayLike<number>): void {
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i]))
      throw new PropertyViolation(`${what}: entry ${i} differs from the oracle`, {
        got: got[i],
        want: want[i],
        diff: (got[i] as number) - (want[i] as number),
      });
  }
}

/** All products of `candidate` equal those of the TypeScript engine, bit for bit, under random, SCP and partly dead generators. */
export function checkEngineBitIdentical(c: EngineCase, candidate: EngineChoice): void {
  const { spec } = c;
  const x = dataIn(c);
  const budget = c.cache ? undefined : 0;
  const make = (engine: EngineChoice) => new StreamingKernel(x, spec.m, new RandomGenerators(spec.seed, spec.d, spec.m), budget, c.rowChunk, engine);
  const oracle = make('typescript');
  const fast = make(candidate);
  const w = sparseOf(spec);
  const r = vectorOf(spec.seed, 'engine-residual', spec.n);
  r[0] = 0; // a zero residual entry: both engines skip the row
  const idx = w.indices();
  const val = w.values();
  const sources = [null, w, sparseOf({ ...spec, s: Math.max(1, Math.floor(spec.s / 3)) }, 'engine-generators')];
  for (const g of sources) {
    if (g) {
      oracle.setSource(new VectorGenerators(g, spec.d, spec.m));
      fast.setSource(new VectorGenerators(g, spec.d, spec.m));
    }
    const label = g ? 'vector generators' : 'random generators';
    // support products first (they fill the gate cache), then the sweep, then gates
    sameBits(
      `${label}: A_T u`,
      run((o) => fast.applySupport(idx, val, idx.length, o), spec.n),
      run((o) => oracle.applySupport(idx, val, idx.length, o), spec.n),
    );
    sameBits(
      `${label}: A_Tᵀ r`,
      run((o) => fast.adjointSupport(idx, idx.length, r, o), idx.length),
      run((o) => oracle.adjointSupport(idx, idx.length, r, o), idx.length),
    );
    sameBits(
      `${label}: sweep Aᵀ r`,
      run((o) => fast.adjointBlocks(0, spec.m, r, o), spec.m * spec.d),
      run((o) => oracle.adjointBlocks(0, spec.m, r, o), spec.m * spec.d),
    );
    for (let j = 0; j < spec.m; j++) {
      sameBits(`${label}: gate ${j}`, fast.gate(j, new Uint8Array(spec.n)), oracle.gate(j, new Uint8Array(spec.n)));
      const words = Math.ceil(spec.n / 32);
      sameBits(`${label}: gate words ${j}`, fast.gateWords(j, new Uint32Array(words)), oracle.gateWords(j, new Uint32Array(words)));
      sameBits(
        `${label}: A_${j}ᵀ r`,
        run((o) => fast.adjointBlock(j, r, o), spec.d),
        run((o) => oracle.adjointBlock(j, r, o), spec.d),
      );
    }
  }
}

function run(f: (out: Float64Array) => void, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN); // products must overwrite their output
  f(out);
  return out;
}

/** The record without timing, provenance and the kernel's own working memory (engines differ in scratch by design). */
const withoutProvenance = (r: CellRecord): string => {
  const copy: Record<string, unknown> = { ...r };
  for (const f of [...TIMING_FIELDS, ...PROVENANCE_FIELDS, 'operatorPeakBytes']) delete copy[f];
  return JSON.stringify(copy);
};

/** A whole cell gives the same record (metrics, support, convergence step, every number) with `kernel` as with the TypeScript oracle. */
export function checkSameRecord(over: Partial<CellConfig>, kernel: CellConfig['kernel'] = 'streaming', runner: (c: CellConfig) => CellRecord = runCell): void {
  const base: CellConfig = { ...defaults(CELL_FIELDS), ...over };
  const want = withoutProvenance(runCell({ ...base, kernel: 'streaming-ts' }));
  const got = withoutProvenance(runner({ ...base, kernel }));
  if (got !== want)
    throw new PropertyViolation(`kernel ${kernel} gives a different record than streaming-ts`, { got: got.slice(0, 400), want: want.slice(0, 400) });
}
