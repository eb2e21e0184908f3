// The flags of `claims` (the paper's claims judged on a finished profile).
import { REPRODUCTION_PROFILES } from './names.js';
import type { Field } from './fields.js';

export const CLAIMS_FIELDS = {
  profile: { kind: 'enum', flag: 'profile', choices: REPRODUCTION_PROFILES, default: 'quick', description: 'the profile whose results are judged' },
  out: { kind: 'string', flag: 'out', default: '', description: "the profile run's output folder (default out/<profile>)" },
  goldenDir: {
    kind: 'string',
    flag: 'golden-dir',
    default: '',
    description: "folder of claims.<profile>.json, the verdicts a changed one is drift from (default: this package's golden/)",
  },
  updateGolden: {
    kind: 'bool',
    flag: 'update-golden',
    default: false,
    description: "rewrite golden/claims.<profile>.json from these verdicts (only when every figure of the profile is in the run's results)",
  },
  json: { kind: 'bool', flag: 'json', default: false, description: 'print the verdicts as JSON instead of one line each' },
} as const satisfies Record<string, Field>;
