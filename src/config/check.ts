// The flags of `check` (results against golden files).
import type { Field } from './fields.js';

export const CHECK_FIELDS = {
  golden: {
    kind: 'string',
    flag: 'golden',
    default: '',
    description: "golden files: a profile name (smoke|quick|paper: this package's golden/*.<profile>.json), a golden file, or a folder of them (required)",
  },
  results: {
    kind: 'string',
    flag: 'results',
    default: '',
    description:
      "results: a run's --out folder, a folder or file of cell records (JSON, an array, or JSON lines), or an aggregate in the golden format (required)",
  },
  junit: { kind: 'string', flag: 'junit', default: '', description: 'also write a JUnit XML report to this file (one test case per golden cell)' },
  json: { kind: 'bool', flag: 'json', default: false, description: 'print the report as one JSON object instead of the drift tables' },
} as const satisfies Record<string, Field>;
