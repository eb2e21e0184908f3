// ParityConfig: the flags of `reproduce.ts parity` (cells run beside the reference's printed values).
import type { ConfigOf, Field } from './fields.js';

export const PARITY_FIELDS = {
  table: {
    kind: 'string',
    flag: 'table',
    default: '',
    description: "the reference's values: rows of { id, cell (config fields), psnr, source } (default: this package's parity/reference.json)",
  },
  only: { kind: 'string', flag: 'only', default: '', description: 'run only the rows whose id contains this text' },
  tolerance: { kind: 'number', flag: 'tolerance', min: 0, default: 0.05, description: 'a cell agrees when |ours − reference| ≤ this many dB …' },
  exactAbove: {
    kind: 'number',
    flag: 'exact-above',
    min: 0,
    default: 150,
    description: '… or when both are at least this many dB (both exact fits: ~160 dB is the float32 cap of the labels)',
  },
} as const satisfies Record<string, Field>;

export type ParityConfig = ConfigOf<typeof PARITY_FIELDS>;
