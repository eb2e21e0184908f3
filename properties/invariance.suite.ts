// Symmetries of the two-layer ReLU net: permuting hidden units and rescaling (u, v) → (c·u, v/c), c > 0,
// change neither the fused lifted weights w_j = u_j·v_j nor the outputs; recovery metrics match units
// up to permutation.
import { LiftedOperator } from '../src/lifted/operator.js';
import { StackedGenerators, VectorGenerators } from '../src/lifted/generators.js';
import type { Matrix } from '../src/linalg/matrix.js';
import { compareUpToPermutation } from '../src/metrics/support.js';
import { sampleWithoutReplacement } from '../src/random/sampling.js';
import { shuffledIndices } from '../src/random/permutation.js';
import { stream } from '../src/random/streams.js';
import { forward, type SparseColumn, type SparseMLP } from '../src/network/sparse-mlp.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import type { TwoLayerNetSpec } from './arbitraries/two-layer-net.js';
import { relDiff } from './instances.js';
import { PropertyViolation } from './violation.js';

interface TwoLayer {
  units: SparseColumn[];
  v: number[];
}

function netOf(spec: TwoLayerNetSpec): { net: TwoLayer; x: Matrix } {
  const rng = stream(spec.seed, 'test-two-layer');
  const units = Array.from({ length: spec.m }, () => {
    const idx = Array.from(sampleWithoutReplacement(rng, spec.d, spec.perUnit)).sort((a, b) => a - b);
    return { idx: Int32Array.from(idx), val: Float64Array.from(idx, () => rng.normal()) };
  });
  const v = units.map(() => rng.normal());
  const data = new Float32Array(spec.n * spec.d);
  for (let i = 0; i < data.length; i++) data[i] = Math.fround(rng.normal());
  return { net: { units, v }, x: { rows: spec.n, cols: spec.d, data } };
}

function asMlp(t: TwoLayer, d: number): SparseMLP {
  const out = { idx: Int32Array.from(t.v.map((_, j) => j)), val: Float64Array.from(t.v) };
  return {
    layers: [
      { inDim: d, units: t.units },
      { inDim: t.units.length, units: [out] },
    ],
    output: 'linear',
  };
}

/** Fused lifted weights w_j = u_j·v_j (block j) as a sparse vector of length m·d. */
function fused(t: TwoLayer, d: number): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  t.units.forEach((u, j) =>
    u.idx.forEach((c, k) => {
      idx.push(j * d + c);
      val.push(u.val[k]! * t.v[j]!);
    }),
  );
  return SparseVector.fromEntries(t.units.length * d, Math.max(1, idx.length), idx, val);
}

/** Lifted output A w with generators h_j = u_j (gates of the hidden units), w = fused weights. */
function liftedOutput(t: TwoLayer, x: Matrix): Float64Array {
  const d = x.cols;
  const A = new LiftedOperator(x, t.units.length, 0);
  const gens = t.units.map((u) => new VectorGenerators(SparseVector.fromEntries(d, d, Array.from(u.idx), Array.from(u.val)), d, 1));
  A.setGenerators(gens.slice(1).reduce<import('../src/lifted/generators.js').GeneratorSource>((acc, g) => new StackedGenerators(acc, g), gens[0]!));
  return A.apply(fused(t, d));
}

export type Rescale = (t: TwoLayer, c: number) => TwoLayer;
const rescale: Rescale = (t, c) => ({ units: t.units.map((u) => ({ idx: u.idx, val: u.val.map((v) => v * c) })), v: t.v.map((v) => v / c) });

/** A uniformly random permutation (Fisher–Yates; Floyd's sampler's draw order is not uniform). */
function permutationOf(spec: TwoLayerNetSpec): number[] {
  return Array.from(shuffledIndices(spec.m, stream(spec.seed, 'test-permutation')));
}

const TOL = 1e-12;

export function checkRescaling(spec: TwoLayerNetSpec, scale: Rescale = rescale): void {
  const { net, x } = netOf(spec);
  const c = spec.num / spec.den;
  const other = scale(net, c);
  const w1 = fused(net, spec.d).toDense();
  const w2 = fused(other, spec.d).toDense();
  const y1 = forward(asMlp(net, spec.d), x);
  const y2 = forward(asMlp(other, spec.d), x);
  const lifted = liftedOutput(net, x);
  const dw = relDiff(w1, w2);
  const dy = relDiff(y1, y2);
  const dl = relDiff(lifted, y1);
  if (dw > TOL || dy > TOL || dl > TOL)
    throw new PropertyViolation(`rescaling by ${c}: lifted weights differ by ${dw}, outputs by ${dy}, lifted output vs forward ${dl}`, { c, dw, dy, dl });
}

export type Compare = (a: SparseVector, b: SparseVector, d: number, m: number) => number;
const compareMatched: Compare = (a, b, d, m) => {
  const blocks = (w: SparseVector) =>
    Array.from({ length: m }, (_, j) => {
      const idx: number[] = [];
      const val: number[] = [];
      w.indices().forEach((i, k) => {
        if (Math.floor(i / d) === j) {
          idx.push(i % d);
          val.push(w.values()[k]!);
        }
      });
      return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
    });
  const r = compareUpToPermutation(blocks(a), blocks(b));
  return r.supportExact ? r.relErr : Infinity;
};

export function checkPermutation(spec: TwoLayerNetSpec, compare: Compare = compareMatched): void {
  const { net, x } = netOf(spec);
  const pi = permutationOf(spec);
  const permuted: TwoLayer = { units: pi.map((j) => net.units[j]!), v: pi.map((j) => net.v[j]!) };
  const dy = relDiff(forward(asMlp(net, spec.d), x), forward(asMlp(permuted, spec.d), x));
  const metric = compare(fused(net, spec.d), fused(permuted, spec.d), spec.d, spec.m);
  if (dy > TOL || metric > TOL) throw new PropertyViolation(`permutation ${pi}: outputs differ by ${dy}, recovery metric ${metric}`, { pi, dy, metric });
}
