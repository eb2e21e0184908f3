// ReproduceConfig: the main job's flags (profile run of the paper's figures).
import type { ConfigOf, Field } from './fields.js';
import { GUARD_FIELDS } from './guard.js';
import { EXECUTORS, REPRODUCTION_PROFILES } from './names.js';

export const REPRODUCE_FIELDS = {
  profile: {
    kind: 'enum',
    flag: 'profile',
    choices: REPRODUCTION_PROFILES,
    default: 'quick',
    description:
      "smoke: every pipeline on a tiny grid (about a minute); quick: reduced grids that keep each figure's shape (about 7 min on 2 cores); paper: the paper's grids (see --estimate)",
  },
  figure: { kind: 'string', flag: 'figure', default: '', description: 'comma-separated figure ids (default: all; see the list in --help)' },
  out: { kind: 'string', flag: 'out', default: '', description: 'output folder for the store, figures and summary (default out/<profile>)' },
  workers: {
    kind: 'int',
    flag: 'workers',
    min: 0,
    default: 0,
    description: 'executors: this thread plus workers − 1 worker threads; 0 = one per core; 1 = this thread only',
  },
  executor: {
    kind: 'enum',
    flag: 'executor',
    choices: EXECUTORS,
    default: 'local',
    description:
      "local: this machine's threads (--workers); bullmq: a BullMQ queue on Redis (--redis), computed by `reproduce.ts worker` processes on any machines",
  },
  redis: { kind: 'string', flag: 'redis', default: '', description: 'with --executor bullmq: the Redis URL, e.g. redis://host:6379' },
  goldenDir: { kind: 'string', flag: 'golden-dir', default: '', description: "folder of the golden files (default: this package's golden/)" },
  figuresDir: {
    kind: 'string',
    flag: 'figures-dir',
    default: '',
    description: "tracked figures folder that --update-golden refreshes (<dir>/<profile>/; default: this package's figures/)",
  },
  updateGolden: {
    kind: 'bool',
    flag: 'update-golden',
    default: false,
    description: 'rewrite the golden files and the tracked figures (figures/<profile>/) from this run',
  },
  estimate: { kind: 'bool', flag: 'estimate', default: false, description: 'print the estimated cost of the profile and stop' },
  cifarFile: { kind: 'string', flag: 'cifar-file', default: '', description: 'a CIFAR-10 test_batch.bin for Fig. 5 (default: the shipped stand-in)' },
  quiet: { kind: 'bool', flag: 'quiet', default: false, description: 'no progress lines' },
  ...GUARD_FIELDS,
} as const satisfies Record<string, Field>;

export type ReproduceConfig = ConfigOf<typeof REPRODUCE_FIELDS>;
