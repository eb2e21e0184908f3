// CellConfig: everything that determines one experiment cell. Flag names are a public interface:
// users and scripts call them, so keep them stable.
import type { ConfigOf, Field } from './fields.js';
import { BACKENDS, KERNELS, METHODS, TASKS } from './names.js';
import { MAX_REFERENCE_SEED, STREAM_FAMILIES } from './streams.js';

export const CELL_FIELDS = {
  task: {
    kind: 'enum',
    flag: 'task',
    choices: TASKS,
    default: 'planted',
    description:
      'planted: a planted sparse ReLU network; gaussian: Gaussian sparse recovery (a sanity check); binary-mnist: MNIST 0 vs 1; mnist: 10 classes; inr-mnist: an MNIST digit as an implicit neural representation; inr-image: a CIFAR-10 image as one, or the shipped stand-in (docs/reproduce.md)',
  },
  method: {
    kind: 'enum',
    flag: 'method',
    choices: METHODS,
    default: 'iht',
    description:
      "iht: AIHT as the authors' code runs it; iht-theory: fixed A, η = 2/(3β), projection s̃ (Theorem 1); imp: iterative magnitude pruning on TensorFlow.js, the authors' baseline",
  },
  m: { kind: 'int', flag: 'm', min: 1, default: 10, description: 'hidden units = generator blocks (gaussian: signal length N)' },
  s: { kind: 'int', flag: 's', min: 1, default: 100, description: 'sparsity budget: nonzero weights kept by IHT; also the planted nonzeros' },
  d: { kind: 'int', flag: 'd', min: 1, default: 100, description: 'input dimension (planted)' },
  n: { kind: 'int', flag: 'n', min: 1, default: 50000, description: 'samples (gaussian: measurements M)' },
  layers: {
    kind: 'int',
    flag: 'layers',
    min: 1,
    max: 16,
    default: 1,
    description: 'hidden layers L, trained layer by layer with budget ⌊s/L⌋ each',
  },
  outDim: {
    kind: 'int',
    flag: 'out-dim',
    min: 1,
    default: 1,
    description:
      'output dimension k; 1 = scalar output. The reference defaults to 10, which its Fig. 1 command forgets to override: we default to 1 (docs/decisions.md)',
  },
  epochs: {
    kind: 'int',
    flag: 'epochs',
    min: 1,
    default: 15,
    description:
      "how long to train, in the method's unit: iht full batch and iht-theory: steps; iht mini-batch: epochs; imp: epochs per pruning round. The reference calls each of them epochs",
  },
  batch: { kind: 'int', flag: 'batch', min: 0, default: 0, description: 'mini-batch size; 0 = full batch' },
  scpEvery: {
    kind: 'int',
    flag: 'scp-every',
    min: 1,
    default: 1,
    description: 'sequential-convex period k: generators := current weights every k steps (Tables 1–2; reference fixes k = 1)',
  },
  seed: {
    kind: 'int',
    flag: 'seed',
    min: 0,
    max: MAX_REFERENCE_SEED,
    default: 0,
    description: 'run seed (the reference seeds NumPy with it and with seed + 1, + 2, + 3, so at most 2^32 − 4)',
  },
  streams: {
    kind: 'enum',
    flag: 'streams',
    choices: STREAM_FAMILIES,
    default: 'reference',
    description:
      "random draws: 'reference' = NumPy's legacy RandomState and PyTorch's CPU generator in the authors' order (the same planted weights, data, generators h_j, Fourier features, batch orders and IMP init as their code); 'named' = independent seedrandom streams stream(seed, role)",
  },
  convex: { kind: 'bool', flag: 'convex', default: false, description: 'keep the random generators throughout (gated-ReLU / convex formulation)' },
  kernel: {
    kind: 'enum',
    flag: 'kernel',
    choices: KERNELS,
    default: 'streaming',
    description:
      'lifted-operator kernel: streaming (memory-linear; WebAssembly SIMD arithmetic where Node runs it, else TypeScript), streaming-ts (the same kernel computing in TypeScript: its bit-identical oracle) or dense (materialised oracle, small sizes only)',
  },
  innerSteps: {
    kind: 'int',
    flag: 'inner-steps',
    min: 0,
    default: 10,
    description: 'Armijo refinement iterations per step (reference: 10 for the lifted tasks; its Gaussian sanity task uses 3, set --inner-steps 3 there)',
  },
  armijo: {
    kind: 'number',
    flag: 'armijo',
    min: 0,
    max: 1,
    exclusiveMin: true,
    default: 0.9,
    description: 'Armijo sufficient-decrease constant (reference: 0.9)',
  },
  armijoTries: {
    kind: 'int',
    flag: 'armijo-tries',
    min: 0,
    default: 10,
    description: 'step halvings tolerated before a refinement iteration gives up and reverts (reference: 10)',
  },
  firstStepMu: {
    kind: 'number',
    flag: 'first-step-mu',
    min: 0,
    exclusiveMin: true,
    default: 1e-14,
    description: 'step size at step 0, when the iterate is empty (reference: 1e-14: step 0 only selects a support)',
  },
  stepEps: {
    kind: 'number',
    flag: 'step-eps',
    min: 0,
    default: 1e-8,
    description: 'denominator guard of the normalized step ‖g‖²/(‖A_S g‖² + eps) (reference: 1e-8)',
  },
  trainGeneratorSeed: {
    kind: 'enum',
    flag: 'train-generator-seed',
    choices: ['reference', 'zero', 'run'] as const,
    default: 'reference',
    description:
      "seed of the mini-batch training generators: 'reference' = as the reference (its INR and planted path passes none, so seed 0 for every run seed; binary and 10-class MNIST pass the run seed); 'zero'; 'run' = the run seed",
  },
  labels: {
    kind: 'enum',
    flag: 'labels',
    choices: ['float32', 'float64'] as const,
    default: 'float32',
    description: 'planted labels rounded to float32 once (reference; caps exact fits near 160 dB) or kept in float64 (exact y = A w*, for theorem checks)',
  },
  sTilde: { kind: 'int', flag: 's-tilde', min: 0, default: 0, description: 'iht-theory projection size s̃; 0 = s' },
  beta: {
    kind: 'number',
    flag: 'beta',
    min: 0,
    default: 0,
    description: 'iht-theory RSS constant β; 0 = estimate λ_max(AᵀA) by power iteration (an upper bound on every restricted β)',
  },
  theoryTol: { kind: 'number', flag: 'theory-tol', min: 0, default: 1e-26, description: 'iht-theory stops when f(w) ≤ theory-tol · f(0), f = ½‖Aw − y‖²' },
  extraGenerators: {
    kind: 'int',
    flag: 'extra-generators',
    min: 0,
    default: 10,
    description: 'iht-theory on planted: random generators added to the m planted patterns (dictionary size m + this)',
  },
  weights: {
    kind: 'enum',
    flag: 'weights',
    choices: ['gaussian', 'binary', 'sign'] as const,
    default: 'gaussian',
    description:
      "planted hidden weights: 'gaussian' (reference), or the paper's Assumption 1: 'binary' (1) / 'sign' (±1) with s′ nonzeros per unit, units distinct",
  },
  sPrime: { kind: 'int', flag: 's-prime', min: 0, default: 0, description: 'per-unit sparsity s′ of Assumption-1 weights; 0 = ⌊s/m⌋' },
  backend: {
    kind: 'enum',
    flag: 'backend',
    choices: BACKENDS,
    default: 'auto',
    description: 'imp: TensorFlow.js backend; auto = tfjs-node if it loads, else wasm, else cpu',
  },
  pruneFraction: {
    kind: 'number',
    flag: 'prune-fraction',
    min: 0,
    max: 1,
    exclusiveMin: true,
    default: 0.1,
    description: 'imp: fraction of surviving weights pruned per round (reference --prune_iters 0.1)',
  },
  impMode: {
    kind: 'enum',
    flag: 'imp-mode',
    choices: ['iterative', 'one-shot'] as const,
    default: 'iterative',
    description: 'imp: iterative (prune, rewind to θ₀, retrain) or one-shot (train dense once, prune to s)',
  },
  impProtocol: {
    kind: 'enum',
    flag: 'imp-protocol',
    choices: ['reference', 'fair'] as const,
    default: 'reference',
    description:
      "imp: 'reference' = the authors' protocol (rank what PyTorch ranks, score the pruned network untrained); 'fair' = rank the trained weights, then retrain the mask that reached s from θ₀ for one more round before scoring it (lottery-ticket practice); the main job gives fair cells each figure's fair budget",
  },
  impKernel: {
    kind: 'enum',
    flag: 'imp-kernel',
    choices: ['auto', 'dense', 'sparse'] as const,
    default: 'auto',
    description:
      'imp: how a pruning round trains: dense (TF.js, every weight), sparse (WebAssembly SIMD over the surviving weights only: products, gradients at the survivors, Adam moments for the survivors) or auto (sparse once fewer than 85 % of the weights survive); float32 either way, the same model up to rounding',
  },
  learningRate: {
    kind: 'number',
    flag: 'lr',
    min: 0,
    exclusiveMin: true,
    default: 1e-3,
    description: "imp: Adam learning rate (reference 1e-3; betas 0.9, 0.999, eps 1e-8 as PyTorch's defaults)",
  },
  cifarFile: {
    kind: 'string',
    flag: 'cifar-file',
    default: '',
    description: 'inr-image: a CIFAR-10 test_batch.bin; without it the shipped CC0 stand-in image is used (and labelled so)',
  },
  valueTol: {
    kind: 'number',
    flag: 'value-tol',
    min: 0,
    exclusiveMin: true,
    default: 1e-6,
    description: 'relative error ‖ŵ − w*‖/‖w*‖ at or below which recovered values count as exact (float32 labels limit planted fits to ~1e-7)',
  },
} as const satisfies Record<string, Field>;

export type CellConfig = ConfigOf<typeof CELL_FIELDS>;
