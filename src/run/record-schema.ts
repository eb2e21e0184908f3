// JSON Schema of a stored record, built from the config's field table (so the two cannot drift apart).
// The store validates every record it reads against it.
import { CELL_FIELDS } from '../config/cell-config.js';
import { configSchema } from '../config/fields.js';
import { schemaChecker } from '../config/schema-check.js';
import { DIVERGENCE_CAUSES } from '../tasks/outcome.js';

const num = { type: 'number' };
const numOrNull = { type: ['number', 'null'] };
const intOrNull = { type: ['integer', 'null'] };
const boolOrNull = { type: ['boolean', 'null'] };
const strOrNull = { type: ['string', 'null'] };
const hex16 = { type: 'string', pattern: '^[0-9a-f]{16}$' };

const THEORY = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['beta', 'betaEstimated', 'eta', 'sTilde', 'steps', 'converged', 'f0', 'f', 'blocks'],
  properties: {
    beta: num,
    betaEstimated: { type: 'boolean' },
    eta: num,
    sTilde: { type: 'integer' },
    steps: { type: 'integer' },
    converged: { type: 'boolean' },
    f0: num,
    f: num,
    blocks: { type: 'integer' },
  },
};

const PROPERTIES: Record<string, unknown> = {
  config: configSchema(CELL_FIELDS, 'cell config'),
  configHash: hex16,
  codeVersion: { type: 'string', pattern: '^srl-[0-9a-f]{12}$' },
  dataDigest: { type: ['string', 'null'], pattern: '^[0-9a-f]{16}$' },
  recordDigest: hex16,
  valueTol: num,
  kernelEngine: strOrNull,
  sCapped: boolOrNull,
  skipped: { type: 'boolean' },
  skipReason: strOrNull,
  diverged: { type: 'boolean' },
  divergedAtStep: { type: ['integer', 'null'], minimum: 0 },
  divergedWhy: { enum: [...DIVERGENCE_CAUSES, null] },
  psnr: numOrNull,
  mse: numOrNull,
  psnrZero: numOrNull,
  psnrConstant: numOrNull,
  accuracy: numOrNull,
  dataSource: strOrNull,
  relErr: numOrNull,
  supportRecovered: boolOrNull,
  valuesRecovered: boolOrNull,
  nnz: { type: 'integer', minimum: 0 },
  convergenceStep: intOrNull,
  convergenceUnit: { enum: ['step', 'epoch', null] },
  steps: { type: 'integer', minimum: 0 },
  theory: THEORY,
  operatorPeakBytes: numOrNull,
  paramBytes: numOrNull,
  optimizerBytes: numOrNull,
  dataBytes: numOrNull,
  backend: strOrNull,
  rounds: intOrNull,
  psnrTrace: { type: ['array', 'null'], items: { type: ['number', 'null'] } },
  seconds: num,
  cpuSeconds: num,
  peakRssBytes: num,
};

export const RECORD_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'sparse-recovery-lab cell record',
  type: 'object',
  additionalProperties: false,
  required: Object.keys(PROPERTIES),
  properties: PROPERTIES,
};

/** Why `obj` is not a record (the first few schema errors), or null when it is one. */
export const recordSchemaProblem = schemaChecker(RECORD_SCHEMA);
