// Gaussian sparse-recovery sanity task (SPEC §5.7): w* has s ones at random positions of [0, N),
// A is an M × N Gaussian matrix generated on the fly, y = A w*. Metric: relative ℓ2 error.
import type { CellConfig } from '../config/cell-config.js';
import { GaussianSensing } from '../lifted/gaussian-sensing.js';
import { baselinePsnr, psnr } from '../metrics/psnr.js';
import { sampleWithoutReplacement } from '../random/sampling.js';
import { NumpyRandomState } from '../random/numpy-legacy.js';
import { Role, stream } from '../random/streams.js';
import { SparseVector } from '../sparse/sparse-vector.js';
import type { Problem, SensingProblem, Task } from './task.js';

export function gaussianInstance(cfg: CellConfig): { A: GaussianSensing; wStar: SparseVector; y: Float64Array } {
  const N = cfg.m;
  const M = cfg.n;
  const k = Math.min(cfg.s, N);
  // reference: np.random.seed(seed); choice(N, s, replace=False) — the support, all values 1
  const drawn =
    cfg.streams === 'reference' ? new NumpyRandomState(cfg.seed).choice(N, k) : sampleWithoutReplacement(stream(cfg.seed, Role.gaussianSignal), N, k);
  const positions = Array.from(drawn).sort((a, b) => a - b);
  const wStar = SparseVector.fromEntries(
    N,
    k,
    positions,
    positions.map(() => 1),
  );
  const A = new GaussianSensing(M, N, cfg.seed, cfg.streams);
  const y = A.applySupport(wStar.indices(), wStar.values(), new Float64Array(M));
  return { A, wStar, y };
}

function gaussianProblem(cfg: CellConfig): Problem {
  const { A, wStar, y } = gaussianInstance(cfg);
  let maxLabel = 0;
  for (const v of y) maxLabel = Math.max(maxLabel, Math.abs(v));
  const sensing: SensingProblem = {
    A,
    y,
    wStar,
    blocks: A.numBlocks,
    predict: (w) => A.applySupport(w.indices(), w.values(), new Float64Array(A.rows)),
    engines: () => [],
    peakBytes: () => null,
  };
  return {
    sensing: () => sensing,
    score: (pred, batch, order = null) => {
      const fit = psnr(pred, y, A.rows, maxLabel, batch, order);
      return { psnr: fit.psnr, mse: fit.mse, accuracy: null };
    },
    baselines: (batch) => {
      const b = baselinePsnr(y, A.rows, maxLabel, batch);
      return { psnrZero: b.zero, psnrConstant: b.constant };
    },
    dataSource: null,
    dataBytes: y.byteLength + wStar.bytes,
  };
}

export const gaussianTask: Task = {
  form: 'sensing',
  fields: ['n', 'valueTol'],
  notDefined: {
    imp: "--method imp is not defined for --task gaussian (a sensing problem, not a network; the reference's README says IMP but its code runs AIHT)",
  },
  shape: (c) => ({ n: c.n, d: 1, k: 1 }),
  memory: (c) => [{ what: 'measurements and iterates', flags: '--n + --m', elements: c.n + c.m, bytesPerElement: 6 * 8 }],
  sCapped: (c) => c.s > c.m,
  dataDependOnS: true,
  build: gaussianProblem,
};
