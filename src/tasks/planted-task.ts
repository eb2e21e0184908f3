// Planted task (SPEC §5.2): a planted sparse ReLU MLP, train = test, PSNR with max |label|, and —
// for one hidden layer with scalar output — weight-level recovery up to a permutation of units.
import type { CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import { layerBudget } from '../iht/layerwise.js';
import { plantedDictionary } from '../lifted/dictionary.js';
import { enginesOf } from '../lifted/engines-used.js';
import { baselinePsnr, psnr } from '../metrics/psnr.js';
import { compareUpToPermutation } from '../metrics/support.js';
import { plant, plantedMatrixShapes, type PlantedInstance } from '../network/plant.js';
import { blocksOf } from '../network/sparse-mlp.js';
import type { SparseVector } from '../sparse/sparse-vector.js';
import type { ReferenceLoader } from './iht-options.js';
import type { Problem, SensingProblem, Task } from './task.js';

/** Reference skip rule for deep cells (SPEC §3.8): a hidden layer would be more than dense. */
function plantedSkipReason(cfg: CellConfig): string | null {
  const budget = layerBudget(cfg.s, cfg.layers);
  if (cfg.layers > 1 && cfg.m * cfg.m < budget) return `hidden layer would be more than dense: m² = ${cfg.m * cfg.m} < ⌊s/L⌋ = ${budget}`;
  if (budget < 1) return `per-layer budget ⌊s/L⌋ = ⌊${cfg.s}/${cfg.layers}⌋ is 0`;
  return null;
}

/** Whether s asked for more planted nonzeros than the matrices hold (so fewer were planted). */
function sCappedOf(cfg: CellConfig): boolean {
  if (cfg.weights !== 'gaussian') return (cfg.sPrime > 0 ? cfg.sPrime : Math.max(1, Math.floor(cfg.s / cfg.m))) > cfg.d;
  const shapes = plantedMatrixShapes({ d: cfg.d, m: cfg.m, k: cfg.outDim, layers: cfg.layers, s: cfg.s, n: cfg.n, seed: cfg.seed });
  const perMatrix = Math.floor(cfg.s / shapes.length);
  return shapes.some(([r, c]) => r * c < perMatrix);
}

/** The reference's planted loader: `torch.manual_seed(seed + 3)`, shuffled when a batch size is given; its
 *  mini-batch path passes no seed to the generators (SPEC §3.7). */
export const plantedLoader = (cfg: CellConfig): ReferenceLoader => ({ torchSeed: cfg.seed + 3, shuffles: cfg.batch > 0, passesSeed: false });

export function plantedInstance(cfg: CellConfig): PlantedInstance {
  const shape = { d: cfg.d, m: cfg.m, k: cfg.outDim, layers: cfg.layers, s: cfg.s, n: cfg.n, seed: cfg.seed, weights: cfg.weights, streams: cfg.streams };
  return plant(cfg.sPrime > 0 ? { ...shape, sPrime: cfg.sPrime } : shape, cfg.labels === 'float32');
}

/** What iht-theory refuses on planted: anything but Theorem 1's network. */
const THEOREM_SCOPE = 'iht-theory covers one hidden layer with scalar output (--layers 1 --out-dim 1), as Theorem 1 does';

const dataBytesOf = (inst: PlantedInstance) => inst.x.data.byteLength + inst.y.byteLength;

/** The theorem's form of a one-hidden-layer instance: A fixed, its dictionary the m planted patterns plus
 *  --extra-generators random ones (lifted/dictionary.ts), w* at known coordinates. */
function plantedSensing(cfg: CellConfig, inst: PlantedInstance): SensingProblem {
  if (cfg.layers !== 1 || cfg.outDim !== 1) throw new ConfigError('--method', THEOREM_SCOPE);
  const { A, wStar, blocks } = plantedDictionary(inst, cfg);
  return { A, y: inst.y, wStar, blocks, predict: (w) => A.apply(w), engines: () => enginesOf(A), peakBytes: () => A.stats().peakWorkingBytes };
}

/** The planted problem: train = evaluation data, PSNR with the largest |label| as peak; a one-layer scalar
 *  network is compared with the planted units up to their permutation. */
function plantedProblem(cfg: CellConfig, inst: PlantedInstance): Problem {
  const loader = plantedLoader(cfg);
  return {
    network: {
      xTrain: inst.x,
      yTrain: inst.y,
      xEval: inst.x,
      yEval: inst.y,
      k: cfg.outDim,
      loss: 'mse',
      loader,
      evaluatesTraining: true,
      // the reference evaluates planted IMP with its training loader (shuffled when a batch size is given)
      impEvalShuffles: loader.shuffles,
    },
    sensing: () => plantedSensing(cfg, inst),
    score: (pred, batch, order = null) => {
      const fit = psnr(pred, inst.y, cfg.n, inst.maxLabel, batch, order);
      return { psnr: fit.psnr, mse: fit.mse, accuracy: null };
    },
    baselines: (batch) => {
      const b = baselinePsnr(inst.y, cfg.n, inst.maxLabel, batch);
      return { psnrZero: b.zero, psnrConstant: b.constant };
    },
    ...(cfg.layers === 1 && cfg.outDim === 1
      ? {
          compare: (w: SparseVector) => {
            const cmp = compareUpToPermutation(blocksOf(w, cfg.d, cfg.m), inst.net.layers[0]!.units);
            return { relErr: cmp.relErr, supportExact: cmp.supportExact };
          },
        }
      : {}),
    dataSource: null,
    dataBytes: dataBytesOf(inst),
  };
}

/** Distinct units with s′ nonzeros in d coordinates must exist (Assumption 1's weights). */
function assumptionOneProblem(c: CellConfig): ConfigError | null {
  if (c.weights === 'gaussian') return null;
  if (c.layers !== 1 || c.outDim !== 1)
    return new ConfigError('--weights', `--weights ${c.weights} (Assumption 1) is defined for one hidden layer with scalar output (--layers 1 --out-dim 1)`);
  const sPrime = Math.min(c.d, c.sPrime > 0 ? c.sPrime : Math.max(1, Math.floor(c.s / c.m)));
  if (c.sPrime > c.d) return new ConfigError('--s-prime', `--s-prime ${c.sPrime} exceeds --d ${c.d}`);
  // distinct units need at least m patterns: C(d, s′)·(2^s′ for signs) ≥ m
  let patterns = 1;
  for (let i = 0; i < sPrime && patterns < c.m; i++) patterns = (patterns * (c.d - i)) / (i + 1);
  if (c.weights === 'sign') patterns *= 2 ** Math.min(sPrime, 60);
  if (patterns < c.m)
    return new ConfigError('--m', `--m ${c.m} distinct units with s′ = ${sPrime} nonzeros in --d ${c.d} do not exist (${Math.round(patterns)} patterns)`);
  return null;
}

export const plantedTask: Task = {
  form: 'network',
  fields: ['d', 'n', 'labels', 'weights', 'sPrime', 'valueTol'],
  // iht-theory reads --layers and --out-dim only to refuse anything but Theorem 1's network (1 and 1)
  methodFields: { iht: ['outDim'], imp: ['outDim'], 'iht-theory': ['extraGenerators', 'layers', 'outDim'] },
  shape: (c) => ({ n: c.n, d: c.d, k: c.outDim }),
  memory: (c) => [
    { what: 'planted inputs X', flags: '--n·--d', elements: c.n * c.d, bytesPerElement: 4 + 8 },
    { what: 'labels, predictions and residuals', flags: '--n·--out-dim', elements: c.n * c.outDim, bytesPerElement: 4 * 8 },
    {
      what: 'planted weights',
      flags: '--m·(--d + --m·(--layers − 1) + --out-dim)',
      elements: c.m * (c.d + c.m * (c.layers - 1) + c.outDim),
      bytesPerElement: 8,
    },
  ],
  check(c) {
    if (c.method === 'iht-theory' && (c.layers !== 1 || c.outDim !== 1)) return new ConfigError('--method', THEOREM_SCOPE);
    return assumptionOneProblem(c);
  },
  sCapped: sCappedOf,
  dataDependOnS: true,
  build(cfg) {
    const early = plantedSkipReason(cfg);
    if (early) return { skip: early };
    const inst = plantedInstance(cfg);
    if (inst.maxLabel === 0) return { skip: 'every planted label is zero (no planted unit is active on the data), so PSNR is undefined' };
    return plantedProblem(cfg, inst);
  },
};
