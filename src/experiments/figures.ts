// The paper's figures and tables as sweeps, per profile (SPEC §5.8):
//  - paper: the README grids (for bigger machines; see --estimate, sweepSeconds in ../run/sweep.ts);
//  - quick: reduced grids that still show each figure's shape (≤ 60 min on 2 cores);
//  - smoke: every pipeline on a tiny grid (≤ 5 min on 2 cores; CI checks it against its golden file).
import type { CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import type { MetricName, ReproductionProfile } from '../config/names.js';
import type { FairBudget, SweepSpec } from '../run/sweep.js';

type ProfileName = ReproductionProfile;

export interface FigureDef {
  id: string;
  title: string;
  /** the record field the heatmap shows */
  metric: MetricName;
  /** colour limits of the paper's heatmaps */
  limits: [number, number];
  /** column axis: s, or the extra axis of the sweep */
  columns: 's' | 'extra';
  sweep: (p: ProfileName) => SweepSpec;
}

/** The sweep with its IMP cells also under the fair protocol, at the figure's fair budget (measured per figure
 *  with scripts/measure-fair-budget.ts; docs/imp.md). */
const withFair = (spec: SweepSpec, fair: FairBudget): SweepSpec => ({ ...spec, fairImp: fair });

const SEEDS = { smoke: [0], quick: [0, 1], paper: [0, 1, 2] } as const;
const BOTH = ['iht', 'imp'] as const;
const pick = <T>(p: ProfileName, v: Record<ProfileName, T>): T => v[p];

function planted(
  id: string,
  title: string,
  over: Partial<CellConfig>,
  grids: Record<ProfileName, { m: number[]; s: number[]; base: Partial<CellConfig> }>,
  fair: FairBudget,
): FigureDef {
  return {
    id,
    title,
    metric: 'psnr',
    limits: [-20, 50],
    columns: 's',
    sweep: (p) =>
      withFair({ name: id, base: { task: 'planted', ...over, ...grids[p].base }, methods: BOTH, m: grids[p].m, s: grids[p].s, seeds: SEEDS[p] }, fair),
  };
}

// Fair budgets, measured (scripts/measure-fair-budget.ts, quick grid, largest m and s, seed 0): the first of
// (the figure's budget, lr 1e-2, 10 mini-batches and lr 1e-2, …) under which fair IMP clears the trivial predictor.
const FAIR_MINIBATCH: FairBudget = { parts: 10, learningRate: 1e-2 };
const FAIR_LR: FairBudget = { learningRate: 1e-2 };
const FAIR_AS_IS: FairBudget = { learningRate: 1e-3 };

const PAPER_M = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const PAPER_S = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export const FIGURES: readonly FigureDef[] = [
  planted(
    'fig1-planted-1layer',
    'Fig. 1: planted MLP, scalar output, 1 hidden layer (PSNR, dB)',
    { outDim: 1, layers: 1, batch: 0 },
    {
      smoke: { m: [2, 5], s: [2, 5], base: { n: 2000, epochs: 4 } },
      quick: { m: [1, 2, 5, 10, 20], s: [2, 5, 10, 20, 50, 100], base: { n: 5000, epochs: 15 } },
      paper: { m: PAPER_M, s: PAPER_S, base: { n: 50000, epochs: 15 } },
    },
    FAIR_MINIBATCH,
  ),
  planted(
    'fig1-planted-2layers',
    'Fig. 1: planted MLP, scalar output, 2 hidden layers (PSNR, dB)',
    { outDim: 1, layers: 2, batch: 0 },
    {
      smoke: { m: [3], s: [4, 8], base: { n: 2000, epochs: 4 } },
      quick: { m: [2, 5, 10, 20], s: [10, 20, 50, 100], base: { n: 5000, epochs: 15 } },
      paper: { m: [2, 5, 10, 20, 50, 100, 200, 500, 1000], s: [10, 20, 50, 100, 200, 500, 1000], base: { n: 50000, epochs: 15 } },
    },
    FAIR_MINIBATCH,
  ),
  planted(
    'fig2-planted-vector',
    'Fig. 2: planted MLP, 10 outputs, 1 hidden layer (PSNR, dB)',
    { outDim: 10, layers: 1 },
    {
      smoke: { m: [2, 5], s: [10, 40], base: { n: 2000, epochs: 2, batch: 500 } },
      quick: { m: [2, 5, 10, 20], s: [10, 20, 50, 100, 200], base: { n: 5000, epochs: 10, batch: 1000 } },
      paper: { m: PAPER_M, s: PAPER_S, base: { n: 50000, epochs: 100, batch: 5000 } },
    },
    FAIR_MINIBATCH,
  ),
  planted(
    'fig2-planted-vector-2layers',
    'Fig. 2: planted MLP, 10 outputs, 2 hidden layers (PSNR, dB)',
    { outDim: 10, layers: 2 },
    {
      smoke: { m: [3], s: [10, 20], base: { n: 2000, epochs: 2, batch: 500 } },
      quick: { m: [5, 10, 20], s: [20, 50, 100, 200], base: { n: 5000, epochs: 10, batch: 1000 } },
      paper: { m: [2, 5, 10, 20, 50, 100, 200, 500, 1000], s: [10, 20, 50, 100, 200, 500, 1000], base: { n: 50000, epochs: 100, batch: 5000 } },
    },
    FAIR_LR,
  ),
  {
    id: 'fig3-binary-mnist',
    title: 'Fig. 3: MNIST 0 vs 1 (test accuracy)',
    metric: 'accuracy',
    limits: [0.5, 1],
    columns: 's',
    sweep: (p) =>
      withFair(
        {
          name: 'fig3-binary-mnist',
          base: { task: 'binary-mnist', batch: 1000, epochs: pick(p, { smoke: 1, quick: 3, paper: 15 }) },
          methods: BOTH,
          m: pick(p, { smoke: [2], quick: [1, 2, 5, 10, 20], paper: PAPER_M }),
          s: pick(p, { smoke: [5, 20], quick: [1, 2, 5, 10, 20, 50], paper: [1, 2, 5, 10, 20, 50, 100, 200] }),
          seeds: SEEDS[p],
        },
        FAIR_AS_IS,
      ),
  },
  {
    id: 'fig3-mnist',
    title: 'Fig. 3: MNIST, 10 classes (test accuracy)',
    metric: 'accuracy',
    limits: [0.1, 1],
    columns: 's',
    sweep: (p) =>
      withFair(
        {
          name: 'fig3-mnist',
          base: { task: 'mnist', batch: 5000, epochs: pick(p, { smoke: 1, quick: 3, paper: 50 }) },
          methods: BOTH,
          m: pick(p, { smoke: [4], quick: [10, 20], paper: [10, 20, 50, 100, 200, 500, 1000] }),
          s: pick(p, { smoke: [100], quick: [100, 200, 500], paper: [100, 200, 500, 1000, 2000] }),
          seeds: pick(p, { smoke: [0], quick: [0], paper: [0, 1, 2] }),
        },
        FAIR_AS_IS,
      ),
  },
  ...[1, 2].map((L): FigureDef => ({
    id: `fig4-inr-mnist-${L}layer${L > 1 ? 's' : ''}`,
    title: `Fig. 4: INR of an MNIST digit, ${L} hidden layer${L > 1 ? 's' : ''} (PSNR, dB)`,
    metric: 'psnr',
    limits: [0, 50],
    columns: 's',
    sweep: (p) =>
      withFair(
        {
          name: `fig4-inr-mnist-${L}layer${L > 1 ? 's' : ''}`,
          base: { task: 'inr-mnist', layers: L, batch: 0, epochs: pick(p, { smoke: 5, quick: 30, paper: 100 }) },
          methods: BOTH,
          m: pick(p, { smoke: [2], quick: [2, 5, 10, 20], paper: [2, 5, 10, 20, 50, 100, 200] }),
          s: pick(p, { smoke: [10, 40], quick: [10, 20, 50, 100, 200], paper: [2, 5, 10, 20, 50, 100, 200, 500, 1000] }),
          seeds: SEEDS[p],
        },
        FAIR_LR,
      ),
  })),
  ...[1, 2].map((L): FigureDef => ({
    id: `fig5-inr-image-${L}layer${L > 1 ? 's' : ''}`,
    title: `Fig. 5: INR of a colour image — STAND-IN unless --cifar-file is given — ${L} hidden layer${L > 1 ? 's' : ''} (PSNR, dB)`,
    metric: 'psnr',
    limits: [0, 50],
    columns: 's',
    sweep: (p) =>
      withFair(
        {
          name: `fig5-inr-image-${L}layer${L > 1 ? 's' : ''}`,
          base: { task: 'inr-image', layers: L, batch: 0, epochs: pick(p, { smoke: 3, quick: 20, paper: 100 }) },
          methods: BOTH,
          m: pick(p, { smoke: [2], quick: [2, 5, 10], paper: [1, 2, 5, 10, 20, 50, 100, 200] }),
          s: pick(p, { smoke: [20], quick: [20, 50, 100, 200], paper: [5, 10, 20, 50, 100, 200, 500, 1000, 2000] }),
          seeds: pick(p, { smoke: [0], quick: [0], paper: [0, 1, 2] }),
        },
        FAIR_MINIBATCH,
      ),
  })),
  {
    id: 'table1-scp-ablation',
    title: 'Tables 1–2: generator-update period k (PSNR, dB), m = 10, s = 500, d = 100',
    metric: 'psnr',
    limits: [-20, 170],
    columns: 'extra',
    sweep: (p) => ({
      name: 'table1-scp-ablation',
      base: {
        task: 'planted',
        outDim: 1,
        d: 100,
        n: pick(p, { smoke: 1000, quick: 50000, paper: 50000 }),
        epochs: pick(p, { smoke: 10, quick: 100, paper: 100 }),
      },
      methods: ['iht'],
      m: [10],
      s: [500],
      seeds: pick(p, { smoke: [0], quick: [0, 1, 2], paper: [0, 1, 2] }),
      extra: { field: 'scpEvery', values: pick(p, { smoke: [1, 100], quick: [1, 2, 3, 5, 20, 100], paper: [1, 2, 3, 4, 5, 10, 20, 100] }) },
    }),
  },
];

export function figureById(id: string): FigureDef {
  const f = FIGURES.find((x) => x.id === id);
  if (!f) throw new ConfigError('--figure', `--figure: unknown figure '${id}' (known: ${FIGURES.map((x) => x.id).join(', ')})`);
  return f;
}
