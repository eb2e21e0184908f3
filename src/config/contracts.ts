// The flags of `contracts` (an adapter module's implementations against the public contracts).
import type { Field } from './fields.js';

export const CONTRACTS_FIELDS = {
  only: { kind: 'string', flag: 'only', default: '', description: 'comma-separated contract names to run (default: every one the adapter exports)' },
  seed: {
    kind: 'int',
    flag: 'seed',
    min: -(2 ** 31),
    max: 2 ** 31 - 1,
    default: 0,
    description: 'fast-check seed; 0 draws one (printed, so a failure replays)',
  },
  numRuns: { kind: 'int', flag: 'num-runs', min: 0, default: 0, description: "instances per contract; 0 = each contract's own default" },
  timeLimitMs: { kind: 'int', flag: 'time-limit-ms', min: 0, default: 0, description: 'time limit per contract (a run cut short fails); 0 = 60 s' },
  path: {
    kind: 'string',
    flag: 'path',
    default: '',
    description: 'replay the shrunk counterexample at this path (with --seed and --only, from a failure line)',
  },
  json: { kind: 'bool', flag: 'json', default: false, description: 'print the results as one JSON object' },
} as const satisfies Record<string, Field>;
