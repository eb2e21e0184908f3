// Every name a user, a file or a schema spells, listed once: the flags' choices, the types and the
// golden schema's enums are derived from these lists (tfjs-core keeps its kernel names so).
// Reproduction profiles (smoke|quick|paper: grids of the paper's figures) are not the property budgets
// (quick|ci|nightly: how many cases a fast-check property runs, PBT_BUDGET; properties/harness.ts).

export const TASKS = ['planted', 'gaussian', 'binary-mnist', 'mnist', 'inr-mnist', 'inr-image'] as const;
export type TaskName = (typeof TASKS)[number];

export const METHODS = ['iht', 'iht-theory', 'imp'] as const;
export type MethodName = (typeof METHODS)[number];

/** lifted-operator kernels (the engines that compute inside the streaming one are in lifted/engines/engine.ts) */
export const KERNELS = ['streaming', 'streaming-ts', 'dense'] as const;
export type KernelName = (typeof KERNELS)[number];

/** TensorFlow.js backends IMP may ask for */
export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** reproduction profiles: the grids of the paper's figures */
export const REPRODUCTION_PROFILES = ['smoke', 'quick', 'paper'] as const;
export type ReproductionProfile = (typeof REPRODUCTION_PROFILES)[number];

/** what a figure's heatmap shows and its golden file compares */
export const METRICS = ['psnr', 'accuracy', 'convergenceStep'] as const;
export type MetricName = (typeof METRICS)[number];

/** random-number families of a sweep's runs, as a golden file's header says ('mixed': both) */
export const GOLDEN_STREAMS = ['reference', 'named', 'mixed'] as const;

/** where a sweep's cells are computed: this machine's threads, or workers on any machines through a BullMQ queue on Redis */
export const EXECUTORS = ['local', 'bullmq'] as const;
