// Planted sparse MLP and its data (SPEC §5.2): Gaussian weights (float32-rounded) at uniformly random
// positions of each matrix, float32 Gaussian inputs, float64 forward pass, labels rounded to float32
// once at the end. Reference streams draw exactly the reference's numbers: `np.random.seed(seed + 1)`,
// per matrix `choice(size, count, replace=False)` then `normal(count).astype(float32)` (one RandomState
// for all matrices, so an odd count leaves a cached Gaussian for the next); `np.random.seed(seed + 2)`,
// X = `normal((n, d)).astype(float32)`. Named streams draw the same structure from stream(seed, role).
import { ConfigError } from '../config/fields.js';
import type { StreamFamily } from '../config/streams.js';
import { fillNormal, sampleWithoutReplacement } from '../random/sampling.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream } from '../random/streams.js';
import type { Matrix } from '../linalg/matrix.js';
import { forward, layerFromDense, type SparseMLP } from './sparse-mlp.js';

export interface PlantedShape {
  /** input dimension d */
  d: number;
  /** hidden width m */
  m: number;
  /** output dimension k (1 = scalar, summed output) */
  k: number;
  /** hidden layers L */
  layers: number;
  /** total planted nonzeros budget s */
  s: number;
  /** number of samples n */
  n: number;
  seed: number;
  /**
   * Planted hidden weights: 'gaussian' (the reference: N(0,1) at uniformly random positions of each
   * matrix), or the paper's Assumption 1 — 'binary' (values 1) or 'sign' (values ±1), exactly `sPrime`
   * nonzeros per hidden unit, all units distinct. Assumption-1 weights: one hidden layer, scalar output.
   */
  weights?: PlantedWeights;
  /** per-unit sparsity s′ for Assumption-1 weights (default ⌊s/m⌋, at least 1) */
  sPrime?: number;
  /** random draws (default 'named'); Assumption-1 weights, which the reference has not, always use named streams */
  streams?: StreamFamily;
}

export type PlantedWeights = 'gaussian' | 'binary' | 'sign';

export interface PlantedInstance {
  readonly shape: PlantedShape;
  readonly net: SparseMLP;
  /** n × d, float32-valued */
  readonly x: Matrix;
  /** n × k labels, float32-rounded */
  readonly y: Float64Array;
  readonly maxLabel: number;
}

/** Matrix shapes of the planted network: (d×m), (m×m)×(L−1), and (m×k) when k > 1. */
export function plantedMatrixShapes(shape: PlantedShape): Array<[number, number]> {
  const shapes: Array<[number, number]> = [[shape.d, shape.m]];
  for (let l = 1; l < shape.layers; l++) shapes.push([shape.m, shape.m]);
  if (shape.k > 1) shapes.push([shape.m, shape.k]);
  return shapes;
}

/** Assumption-1 units: s′ distinct positions per unit, values 1 (binary) or ±1 (sign), no two units equal. */
function assumptionOneLayer(shape: PlantedShape, kind: 'binary' | 'sign'): SparseMLP {
  if (shape.layers !== 1 || shape.k !== 1)
    throw new ConfigError('--weights', 'Assumption-1 planted weights are defined for one hidden layer with scalar output');
  const sPrime = Math.min(shape.d, shape.sPrime ?? Math.max(1, Math.floor(shape.s / shape.m)));
  if (!(sPrime >= 1)) throw new ConfigError('--s-prime', `per-unit sparsity s′ must be ≥ 1, got ${sPrime}`);
  const rng = stream(shape.seed, Role.plantedWeights);
  const seen = new Set<string>();
  const units = [];
  for (let j = 0; j < shape.m; j++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt === 1000) throw new ConfigError('--m', `cannot draw ${shape.m} distinct units with s′ = ${sPrime} in d = ${shape.d}`);
      const pos = Array.from(sampleWithoutReplacement(rng, shape.d, sPrime)).sort((a, b) => a - b);
      const val = pos.map(() => (kind === 'binary' || rng.uniform() < 0.5 ? 1 : -1));
      const key = pos.map((p, t) => `${p}:${val[t]}`).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      units.push({ idx: Int32Array.from(pos), val: Float64Array.from(val) });
      break;
    }
  }
  return { layers: [{ inDim: shape.d, units }], output: 'sum' };
}

/** Positions and float32 values of one planted matrix, drawn in the family's order. */
type MatrixDraw = (size: number, count: number) => { positions: Int32Array; values: Float64Array };

function referenceDraw(seed: number): MatrixDraw {
  const rs = new NumpyRandomState(seed + 1);
  return (size, count) => ({ positions: rs.choice(size, count), values: rs.fillNormal(new Float64Array(count), true) as Float64Array });
}

function namedDraw(seed: number): MatrixDraw {
  const rng = stream(seed, Role.plantedWeights);
  return (size, count) => {
    const positions = sampleWithoutReplacement(rng, size, count);
    return { positions, values: Float64Array.from(positions, () => Math.fround(rng.normal())) };
  };
}

/** Each planted matrix (rows × cols, row-major flat positions) as drawn: positions and float32 values in draw order. */
export function plantedMatrixDraws(shape: PlantedShape): Array<{ rows: number; cols: number; positions: Int32Array; values: Float64Array }> {
  const draw = shape.streams === 'reference' ? referenceDraw(shape.seed) : namedDraw(shape.seed);
  const shapes = plantedMatrixShapes(shape);
  const perMatrix = Math.floor(shape.s / shapes.length);
  return shapes.map(([rows, cols]) => ({ rows, cols, ...draw(rows * cols, Math.min(rows * cols, perMatrix)) }));
}

function plantedNetwork(shape: PlantedShape): SparseMLP {
  if (shape.weights === 'binary' || shape.weights === 'sign') return assumptionOneLayer(shape, shape.weights);
  const layers = plantedMatrixDraws(shape).map(({ rows, cols, positions, values }) => {
    const w = new Float64Array(rows * cols);
    positions.forEach((p, t) => (w[p] = values[t]!));
    return layerFromDense(rows, cols, w);
  });
  return { layers, output: shape.k > 1 ? 'linear' : 'sum' };
}

function plantedData(shape: PlantedShape): Matrix {
  const data = new Float32Array(shape.n * shape.d);
  if (shape.streams === 'reference') new NumpyRandomState(shape.seed + 2).fillNormal(data);
  else fillNormal(stream(shape.seed, Role.data), data);
  return { rows: shape.n, cols: shape.d, data };
}

/** `roundLabels` (default, the reference): labels rounded to float32 once; false keeps y = f(X) exact in float64. */
export function plant(shape: PlantedShape, roundLabels = true): PlantedInstance {
  const net = plantedNetwork(shape);
  const x = plantedData(shape);
  const y = forward(net, x);
  let maxLabel = 0;
  for (let i = 0; i < y.length; i++) {
    if (roundLabels) y[i] = Math.fround(y[i]!); // the reference's single float32 rounding of the labels
    maxLabel = Math.max(maxLabel, Math.abs(y[i]!));
  }
  return { shape, net, x, y, maxLabel };
}

/**
 * Lifted planted weights for a one-hidden-layer network: block j = incoming weights of unit j
 * (SPEC §5.2 layout note: vec(W0ᵀ)). Length m·d.
 */
export function liftedPlantedWeights(net: SparseMLP): { indices: number[]; values: number[]; length: number } {
  const first = net.layers[0]!;
  const d = first.inDim;
  const indices: number[] = [];
  const values: number[] = [];
  first.units.forEach((col, j) => {
    for (let t = 0; t < col.idx.length; t++) {
      indices.push(j * d + col.idx[t]!);
      values.push(col.val[t]!);
    }
  });
  return { indices, values, length: first.units.length * d };
}
