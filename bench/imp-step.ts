// ms per Adam step of the IMP MLP, 784 → 256 → 10, batch 1000, cross-entropy: our hand-written
// backward (explicit transposes, plain matMul) against the same step written with matMul's
// transposeA/transposeB flags (what tfjs's built-in gradients do), on each available backend.
//   npx tsx bench/imp-step.ts [--steps 20]
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../src/config/names.js';
import { initBackend } from '../src/imp/backend.js';
import { impDraws } from '../src/imp/draws.js';
import { DenseMlp, mlpShapes } from '../src/imp/mlp.js';

const stepsArg = process.argv.indexOf('--steps');
const steps = stepsArg >= 0 ? Number(process.argv[stepsArg + 1]) : 20;

function transposedFlagsStep(ws: tf.Tensor2D[], x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D[] {
  return tf.tidy(() => {
    const z1 = tf.matMul(x, ws[0]!);
    const a1 = tf.relu(z1);
    const z2 = tf.matMul(a1, ws[1]!);
    const g2 = tf.div(tf.sub(tf.softmax(z2), y), x.shape[0]);
    const dW2 = tf.matMul(a1, g2, true, false);
    const g1 = tf.mul(tf.matMul(g2, ws[1]!, false, true), tf.step(z1));
    const dW1 = tf.matMul(x, g1, true, false);
    return [tf.sub(ws[0]!, tf.mul(dW1, 1e-3)), tf.sub(ws[1]!, tf.mul(dW2, 1e-3))] as tf.Tensor2D[];
  });
}

async function measure(choice: BackendChoice): Promise<void> {
  const info = await initBackend(choice);
  const shapes = mlpShapes(784, 256, 1, 10);
  const init = impDraws('reference', 0, { trainShuffles: true, evalShuffles: false }).theta0(shapes);
  const x = tf.randomNormal([1000, 784], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.cast(tf.oneHot(tf.randomUniform([1000], 0, 10, 'int32', 2), 10), 'float32') as tf.Tensor2D;
  const mlp = new DenseMlp(
    shapes,
    init,
    shapes.map(([a, b]) => new Uint8Array(a * b).fill(1)),
  );
  for (let i = 0; i < 3; i++) mlp.step(x, y, 'cross-entropy');
  let t0 = performance.now();
  for (let i = 0; i < steps; i++) mlp.step(x, y, 'cross-entropy');
  const ours = (performance.now() - t0) / steps;
  let ws = init.map((w, l) => tf.tensor2d(w, shapes[l]!));
  for (let i = 0; i < 3; i++) {
    const n = transposedFlagsStep(ws, x, y);
    ws.forEach((w) => w.dispose());
    ws = n;
  }
  ws[0]!.dataSync();
  t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const n = transposedFlagsStep(ws, x, y);
    ws.forEach((w) => w.dispose());
    ws = n;
  }
  ws[0]!.dataSync();
  const flags = (performance.now() - t0) / steps;
  console.log(`| ${info.name} | ${info.version} | ${ours.toFixed(1)} | ${flags.toFixed(1)} |`);
  mlp.dispose();
  ws.forEach((w) => w.dispose());
  x.dispose();
  y.dispose();
}

console.log(`784 → 256 → 10, batch 1000, cross-entropy, ${steps} steps after 3 warm-up steps`);
console.log('| backend | version | ms/step, hand-written backward (Adam) | ms/step, matMul transpose flags (SGD) |');
console.log('|---|---|---|---|');
for (const b of ['wasm', 'cpu'] as const) await measure(b);
