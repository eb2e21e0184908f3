// ms per Adam step of an IMP network, dense (TF.js) against masked-sparse (WebAssembly SIMD), at the
// densities 100 %, 30 %, 10 % and 1 % (a random mask of that density), for the shapes IMP trains here.
// The crossover SPARSE_BELOW_DENSITY (src/imp/trainer.ts) comes from these numbers.
//   npx tsx bench/imp-kernels.ts [--steps 20] [--json FILE]
import { writeFileSync } from 'node:fs';
import { initBackend } from '../src/imp/backend.js';
import { DenseMlp, mlpShapes, type Loss } from '../src/imp/mlp.js';
import { SparseMlp, sparseImpModule } from '../src/imp/sparse-mlp.js';
import { DenseTrainer, SPARSE_BELOW_DENSITY, type RoundTrainer } from '../src/imp/trainer.js';
import { Role, stream } from '../src/random/streams.js';

const arg = (f: string) => (process.argv.includes(f) ? process.argv[process.argv.indexOf(f) + 1] : undefined);
const steps = Number(arg('--steps') ?? 20);

interface Shape {
  label: string;
  d: number;
  m: number;
  layers: number;
  k: number;
  batch: number;
  loss: Loss;
}

const SHAPES: Shape[] = [
  { label: 'planted 100 → 50 → 50 → 10, batch 5000', d: 100, m: 50, layers: 2, k: 10, batch: 5000, loss: 'mse' },
  { label: 'planted 100 → 500 → 500 → 10, batch 5000', d: 100, m: 500, layers: 2, k: 10, batch: 5000, loss: 'mse' },
  { label: 'MNIST 784 → 100 → 10, batch 1000', d: 784, m: 100, layers: 1, k: 10, batch: 1000, loss: 'cross-entropy' },
  { label: 'INR 2 → 20 → 20 → 1 (Fourier 40 in), batch 784', d: 40, m: 20, layers: 2, k: 1, batch: 784, loss: 'mse' },
];
const DENSITIES = [1, 0.3, 0.1, 0.01];

function msPerStep(t: RoundTrainer, loss: Loss, count: number): number {
  for (let i = 0; i < 2; i++) t.step(i % count, loss);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) t.step(i % count, loss);
  return (performance.now() - t0) / steps;
}

await initBackend('wasm');
if (!sparseImpModule) throw new Error('the sparse IMP kernels did not compile on this Node (WebAssembly SIMD missing)');
const rows: Array<{ shape: string; density: number; denseMs: number; sparseMs: number }> = [];
console.log(`IMP step, ${steps} steps after 2 warm-up steps (ms per step)`);
console.log('| network | density | dense (TF.js wasm) | sparse (wasm SIMD) | dense / sparse |');
console.log('|---|---|---|---|---|');
for (const s of SHAPES) {
  const rng = stream(1, Role.init);
  const shapes = mlpShapes(s.d, s.m, s.layers, s.k);
  const n = 2 * s.batch;
  const x = { rows: n, cols: s.d, data: Float64Array.from({ length: n * s.d }, () => rng.normal()) };
  const y = Float64Array.from({ length: n * s.k }, (_, i) => (s.loss === 'mse' ? rng.normal() : i % s.k === 0 ? 1 : 0));
  for (const density of DENSITIES) {
    const masks = shapes.map(([a, b]) => Uint8Array.from({ length: a * b }, () => (rng.uniform() < density ? 1 : 0)));
    const w = shapes.map(([a, b], l) => Float32Array.from({ length: a * b }, (_, i) => (masks[l]![i] ? (rng.uniform() - 0.5) / Math.sqrt(a) : 0)));
    const mlp = new DenseMlp(shapes, w, masks);
    const dense = new DenseTrainer(mlp);
    const count = dense.setBatches(x, y, s.k, s.batch, null);
    const denseMs = msPerStep(dense, s.loss, count);
    dense.releaseBatches();
    mlp.dispose();
    const sparse = new SparseMlp(sparseImpModule, shapes, s.batch);
    sparse.load(w, masks);
    sparse.setBatches(x, y, s.k, s.batch, null);
    const sparseMs = msPerStep(sparse, s.loss, count);
    rows.push({ shape: s.label, density, denseMs, sparseMs });
    console.log(`| ${s.label} | ${(100 * density).toFixed(0)} % | ${denseMs.toFixed(2)} | ${sparseMs.toFixed(2)} | ${(denseMs / sparseMs).toFixed(2)} |`);
  }
}
console.log(`--imp-kernel auto trains a round sparse below ${100 * SPARSE_BELOW_DENSITY} % of the weights.`);
const out = arg('--json');
if (out) writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
