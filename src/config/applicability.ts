// Which cell flags apply to which tasks and methods. A flag given on the command line that does not
// apply to the chosen task and method is an error naming it (so two runs that compute the same thing
// cannot differ only by an ignored flag, which would change the record's hash). Sweeps set their base
// fields for every method of a figure and are not checked here.
import type { CellConfig } from './cell-config.js';

type Task = CellConfig['task'];
type Method = CellConfig['method'];

interface Scope {
  tasks?: readonly Task[];
  methods?: readonly Method[];
}

const NETWORK_TASKS: readonly Task[] = ['planted', 'binary-mnist', 'mnist', 'inr-mnist', 'inr-image'];
const AIHT: Scope = { methods: ['iht'] };
const AIHT_ON_NETWORKS: Scope = { methods: ['iht'], tasks: NETWORK_TASKS };
const THEORY: Scope = { methods: ['iht-theory'] };
const IMP: Scope = { methods: ['imp'] };

/** Fields not listed apply everywhere (task, method, m, s, epochs, seed, streams). */
const APPLIES: Partial<Record<keyof CellConfig, Scope>> = {
  d: { tasks: ['planted'] },
  n: { tasks: ['planted', 'gaussian'] },
  layers: { tasks: NETWORK_TASKS, methods: ['iht', 'imp'] },
  outDim: { tasks: ['planted'], methods: ['iht', 'imp'] },
  batch: { tasks: NETWORK_TASKS, methods: ['iht', 'imp'] },
  scpEvery: AIHT_ON_NETWORKS,
  convex: AIHT_ON_NETWORKS,
  kernel: { tasks: NETWORK_TASKS, methods: ['iht', 'iht-theory'] },
  trainGeneratorSeed: AIHT_ON_NETWORKS,
  innerSteps: AIHT,
  armijo: AIHT,
  armijoTries: AIHT,
  firstStepMu: AIHT,
  stepEps: AIHT,
  labels: { tasks: ['planted'] },
  weights: { tasks: ['planted'] },
  sPrime: { tasks: ['planted'] },
  sTilde: THEORY,
  beta: THEORY,
  theoryTol: THEORY,
  extraGenerators: { tasks: ['planted'], methods: ['iht-theory'] },
  backend: IMP,
  pruneFraction: IMP,
  impMode: IMP,
  learningRate: IMP,
  cifarFile: { tasks: ['inr-image'] },
  valueTol: { tasks: ['planted', 'gaussian'] },
};

/** Why `field` does not apply to this cell, or null when it does. */
export function inapplicable(field: keyof CellConfig, cfg: Pick<CellConfig, 'task' | 'method'>): string | null {
  const scope = APPLIES[field];
  if (!scope) return null;
  if (scope.tasks && !scope.tasks.includes(cfg.task)) return `applies to --task ${scope.tasks.join('|')}, not ${cfg.task}`;
  if (scope.methods && !scope.methods.includes(cfg.method)) return `applies to --method ${scope.methods.join('|')}, not ${cfg.method}`;
  return null;
}
