// ConditionsConfig: one planted instance and its fixed dictionary, whose theorem conditions are measured.
import type { ConfigOf, Field } from './fields.js';
import { CELL_FIELDS } from './cell-config.js';

export const CONDITIONS_FIELDS = {
  m: { ...CELL_FIELDS.m, description: 'planted hidden units (their patterns are the first m generators of the dictionary)' },
  s: { ...CELL_FIELDS.s, description: 'sparsity s: planted nonzeros (gaussian weights) and the identifiability level 2s' },
  d: CELL_FIELDS.d,
  n: { ...CELL_FIELDS.n, default: 2000 },
  seed: CELL_FIELDS.seed,
  streams: CELL_FIELDS.streams,
  weights: CELL_FIELDS.weights,
  sPrime: CELL_FIELDS.sPrime,
  extraGenerators: { ...CELL_FIELDS.extraGenerators, description: 'random generators added to the m planted patterns (dictionary size p = m + this)' },
  sTilde: { ...CELL_FIELDS.sTilde, description: 'projection size s̃ whose theorem level 2s̃ + s is measured; 0 = s' },
  samples: {
    kind: 'int',
    flag: 'samples',
    min: 1,
    default: 200,
    description: 'supports sampled when a level is too large to enumerate (the result is then an estimate)',
  },
  enumerationLimit: {
    kind: 'int',
    flag: 'enumeration-limit',
    min: 1,
    default: 20000,
    description: 'enumerate every support (an exact certificate) when there are at most this many',
  },
} as const satisfies Record<string, Field>;

export type ConditionsConfig = ConfigOf<typeof CONDITIONS_FIELDS>;
