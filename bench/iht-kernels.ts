// npm run bench (part): the streaming kernels' inner loops against other ways of writing them, each alone
// on the Table 1 cell's shapes (n = 50,000, d = 100, 10 blocks of 50 support entries, half the rows
// active per block, every block visiting a row chunk of 1,024 rows in turn, as src/lifted/streaming.ts does),
// in G multiply-adds per CPU-second. A variant that claims to be a kernel must give the shipped kernels'
// bits (checked here); the "bound" variants compute wrong values on purpose, to show what limits the rate.
// Writes out/bench/iht-kernels.json.
//   npx tsx bench/iht-kernels.ts
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../src/run/atomic.js';
import { laneLoads, ROWS_PER_GROUP, streamingWat, type Element, type LaneLoader } from '../src/lifted/wasm/streaming-wat.js';
import { compileWat } from '../src/lifted/wasm/wat.js';
import { perCpuSecond } from './per-cpu-second.js';

const n = 50_000,
  d = 100,
  blocks = 10,
  support = 50,
  chunkWords = 32;
const words = Math.ceil(n / 32);

interface Variant {
  label: string;
  el: Element;
  lanes: LaneLoader;
  rows: typeof ROWS_PER_GROUP;
  /** computes other values on purpose: a bound on the rate, not a kernel */
  bound: boolean;
}
const VARIANTS: Variant[] = [
  { label: 'shipped: one load per lane, float32 X widened', el: 'f32', lanes: laneLoads, rows: ROWS_PER_GROUP, bound: false },
  { label: 'X kept as float64 (twice the memory)', el: 'f64', lanes: laneLoads, rows: ROWS_PER_GROUP, bound: false },
  {
    label: 'lanes joined by a shuffle',
    el: 'f32',
    lanes: (_el, a0, a1) => `(f64x2.promote_low_f32x4 (i8x16.shuffle 0 1 2 3 16 17 18 19 0 1 2 3 0 1 2 3 (v128.load32_zero ${a0}) (v128.load32_zero ${a1})))`,
    rows: ROWS_PER_GROUP,
    bound: false,
  },
  {
    label: 'scalar float64 chains, 7 rows (no f64x2 in apply and gate)',
    el: 'f32',
    lanes: laneLoads,
    rows: { ...ROWS_PER_GROUP, apply: 7, gate: 7 },
    bound: false,
  },
  {
    label: 'bound: both lanes from one 8-byte load (wrong values)',
    el: 'f32',
    lanes: (_el, a0) => `(f64x2.promote_low_f32x4 (v128.load64_zero ${a0}))`,
    rows: ROWS_PER_GROUP,
    bound: true,
  },
  {
    label: 'bound: lanes not widened (wrong values)',
    el: 'f32',
    lanes: (_el, a0, a1) => `(v128.load32_lane 1 ${a1} (v128.load32_zero ${a0}))`,
    rows: ROWS_PER_GROUP,
    bound: true,
  },
];

// One deterministic problem (a plain LCG: nothing here is a result, only a workload).
let state = 12345;
const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const X = Float32Array.from({ length: n * d }, () => next() - 0.5);
const gates = Array.from({ length: blocks }, () => {
  const g = new Uint32Array(words);
  for (let i = 0; i < n; i++) if (next() < 0.5) g[i >>> 5]! |= 1 << (i & 31);
  return g;
});
const columns = Array.from({ length: blocks }, () => {
  const perm = Array.from({ length: d }, (_, c) => c);
  for (let c = d - 1; c > 0; c--) {
    const k = Math.floor(next() * (c + 1));
    [perm[c], perm[k]] = [perm[k]!, perm[c]!];
  }
  return perm.slice(0, support).sort((a, b) => a - b);
});
const values = Array.from({ length: blocks * support }, () => next() - 0.5);
const r = Float64Array.from({ length: n }, () => next() - 0.5);
let activeRows = 0;
for (const g of gates) for (const w of g) for (let b = w; b !== 0; b &= b - 1) activeRows++;
const macs = { apply: activeRows * support, adjoint: activeRows * support, gate: blocks * n * support };

const align = (b: number) => Math.ceil(b / 16) * 16;

async function measure(v: Variant) {
  const eb = v.el === 'f32' ? 4 : 8;
  const rowsAt = align(n * d * eb);
  const rAt = rowsAt + align(4 * n);
  const bitsAt = rAt + align(8 * n);
  const slot = align(4 * words);
  const scratchBits = bitsAt + blocks * slot;
  const idxAt = scratchBits + slot;
  const valAt = idxAt + align(4 * blocks * support);
  const adjAt = valAt + 8 * blocks * support;
  const appAt = adjAt + 8 * blocks * support;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((appAt + 8 * n) / 65536) });
  const buf = memory.buffer;
  if (v.el === 'f32') new Float32Array(buf, 0, n * d).set(X);
  else new Float64Array(buf, 0, n * d).set(X);
  new Float64Array(buf, rAt, n).set(r);
  gates.forEach((g, j) => new Uint32Array(buf, bitsAt + j * slot, words).set(g));
  new Int32Array(buf, idxAt, blocks * support).set(columns.flat());
  new Float64Array(buf, valAt, blocks * support).set(values);
  const k = new WebAssembly.Instance(await compileWat(v.label, streamingWat(v.el, v.rows, v.lanes)), { env: { memory } }).exports as unknown as {
    init(x: number, n: number, d: number, rows: number): void;
    apply_run(bits: number, w0: number, w1: number, idx: number, val: number, len: number, out: number): void;
    adjoint_run(bits: number, w0: number, w1: number, idx: number, len: number, r: number, out: number): void;
    gate_bits(idx: number, val: number, len: number, bits: number): void;
  };
  k.init(0, n, d, rowsAt);
  const f64 = new Float64Array(buf);
  const each = (f: (j: number, w0: number, w1: number) => void) => {
    for (let w0 = 0; w0 < words; w0 += chunkWords) for (let j = 0; j < blocks; j++) f(j, w0, Math.min(words, w0 + chunkWords));
  };
  const apply = () => {
    f64.fill(0, appAt / 8, appAt / 8 + n);
    each((j, w0, w1) => k.apply_run(bitsAt + j * slot, w0, w1, idxAt + 4 * j * support, valAt + 8 * j * support, support, appAt));
  };
  const adjoint = () => {
    f64.fill(0, adjAt / 8, adjAt / 8 + blocks * support);
    each((j, w0, w1) => k.adjoint_run(bitsAt + j * slot, w0, w1, idxAt + 4 * j * support, support, rAt, adjAt + 8 * j * support));
  };
  const gateBits: Uint32Array[] = [];
  const gate = () => {
    for (let j = 0; j < blocks; j++) k.gate_bits(idxAt + 4 * j * support, valAt + 8 * j * support, support, scratchBits);
  };
  apply();
  adjoint();
  for (let j = 0; j < blocks; j++) {
    k.gate_bits(idxAt + 4 * j * support, valAt + 8 * j * support, support, scratchBits);
    gateBits.push(new Uint32Array(buf, scratchBits, words).slice());
  }
  const output = { apply: f64.slice(appAt / 8, appAt / 8 + n), adjoint: f64.slice(adjAt / 8, adjAt / 8 + blocks * support), gate: gateBits };
  return { output, rates: { apply: perCpuSecond(macs.apply, apply), adjoint: perCpuSecond(macs.adjoint, adjoint), gate: perCpuSecond(macs.gate, gate) } };
}

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
const rows: Array<{ label: string; bound: boolean; apply: number; adjoint: number; gate: number }> = [];
let shipped: Awaited<ReturnType<typeof measure>>['output'] | null = null;
for (const v of VARIANTS) {
  process.stderr.write(`iht-kernels: ${v.label}\n`);
  const { output, rates } = await measure(v);
  if (shipped === null) shipped = output;
  else if (!v.bound) {
    const same =
      sameBits(output.apply, shipped.apply) &&
      sameBits(output.adjoint, shipped.adjoint) &&
      output.gate.every((g, j) => g.every((w, i) => w === shipped!.gate[j]![i]));
    if (!same) throw new Error(`variant '${v.label}' does not give the shipped kernels' bits`);
  }
  rows.push({ label: v.label, bound: v.bound, ...rates });
}

mkdirSync('out/bench', { recursive: true });
writeFileAtomic(
  'out/bench/iht-kernels.json',
  JSON.stringify({ node: process.version, date: new Date().toISOString(), n, d, blocks, support, macs, rows }, null, 2) + '\n',
);
console.log(`\nIHT kernels alone (n = ${n}, d = ${d}, ${blocks} blocks × ${support} support entries, ${(activeRows / blocks / n).toFixed(3)} of rows active):`);
console.log('| variant | apply | adjoint | gate |  (G multiply-adds per CPU-second)');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.label} | ${(row.apply / 1e9).toFixed(2)} | ${(row.adjoint / 1e9).toFixed(2)} | ${(row.gate / 1e9).toFixed(2)} |`);
console.log('wrote out/bench/iht-kernels.json');
