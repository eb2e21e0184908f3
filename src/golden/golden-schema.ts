// JSON Schema of a golden file, built here so its enums come from the one list of each name
// (config/names.ts). schemas/golden.schema.json is this object written by scripts/write-schemas.ts, for
// readers and other tools; a test keeps the two equal.
import { GOLDEN_STREAMS, METHODS, METRICS, REPRODUCTION_PROFILES } from '../config/names.js';

export const GOLDEN_SCHEMA_ID = 'sparse-recovery-lab/golden@5' as const;

export const GOLDEN_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sparse-recovery-lab/schemas/golden.schema.json',
  title: "Golden file: one figure's aggregated results for one profile",
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'figure', 'profile', 'codeVersion', 'streams', 'metric', 'cells'],
  properties: {
    schema: { const: GOLDEN_SCHEMA_ID },
    figure: { type: 'string', minLength: 1 },
    profile: { enum: [...REPRODUCTION_PROFILES] },
    codeVersion: {
      type: 'string',
      minLength: 1,
      description: 'code version that wrote the file (informative: a code edit that leaves every compared field within tolerance is no drift)',
    },
    streams: {
      enum: [...GOLDEN_STREAMS],
      description: "random-number family of the runs (reference: NumPy legacy RandomState and PyTorch CPU generator, as the authors' code)",
    },
    metric: { enum: [...METRICS] },
    cells: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'key',
          'method',
          'protocol',
          'm',
          's',
          'extra',
          'seeds',
          'finite',
          'diverged',
          'mean',
          'std',
          'zeroPsnr',
          'constantPsnr',
          'nnz',
          'convergenceStep',
          'converged',
          'configHashes',
          'backend',
          'skipReasons',
          'dataSource',
        ],
        properties: {
          key: { type: 'string', description: "method|m|s|extra: the cell's identity" },
          method: { enum: [...METHODS] },
          protocol: {
            enum: ['reference', 'fair', null],
            description: "IMP: the authors' protocol or the fair one (a budget under which IMP learns, final mask retrained); null for IHT",
          },
          m: { type: 'integer', minimum: 1 },
          s: { type: 'integer', minimum: 1 },
          extra: { type: ['number', 'string', 'boolean', 'null'], description: "value of the sweep's extra axis (e.g. scp-every), null when none" },
          seeds: { type: 'integer', minimum: 1, description: 'runs aggregated (one per seed)' },
          finite: { type: 'integer', minimum: 0, description: 'runs with a finite metric; fewer than seeds marks a partial cell (the mean is over these)' },
          diverged: { type: 'integer', minimum: 0, description: 'runs that diverged: failures of the method, with no metric (not in the mean)' },
          mean: {
            type: ['number', 'null'],
            description: 'mean of the metric over runs that produced one; null when none did (skipped, diverged, or infinite PSNR)',
          },
          std: { type: ['number', 'null'], description: 'sample standard deviation over those runs; null unless at least two' },
          zeroPsnr: { type: ['number', 'null'], description: 'PSNR figures: mean PSNR of predicting 0 on the same data and batches' },
          constantPsnr: { type: ['number', 'null'], description: 'PSNR figures: mean PSNR of the best constant predictor (the mean label) on the same data' },
          nnz: { type: ['number', 'null'], description: 'mean actual nonzero count over runs that were not skipped' },
          convergenceStep: { type: ['number', 'null'], description: 'mean convergence step over the runs that converged (IHT), null otherwise' },
          converged: {
            type: ['integer', 'null'],
            minimum: 0,
            description: 'IHT: runs whose support and gates settled within the budget (the rest did not converge); null for IMP',
          },
          configHashes: {
            type: 'array',
            items: { type: 'string', pattern: '^[0-9a-f]{16}$' },
            description:
              'per run, sorted: hash of the fields that matter to it (task, method, and the flags it reads that differ from their defaults) and the content of its data files (not the code version); compared exactly',
          },
          backend: { type: ['string', 'null'] },
          skipReasons: { type: 'array', items: { type: 'string' }, description: 'distinct reasons of the runs that were skipped (not diverged: see diverged)' },
          dataSource: { type: ['string', 'null'] },
        },
      },
    },
  },
};
