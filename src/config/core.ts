// The flags of `core` (the core acceptance cells).
import type { Field } from './fields.js';

export const CORE_FIELDS = {
  out: { kind: 'string', flag: 'out', default: 'out/core.json', description: 'file for every record of the job (JSON)' },
  quiet: { kind: 'bool', flag: 'quiet', default: false, description: 'no progress on stderr' },
} as const satisfies Record<string, Field>;
