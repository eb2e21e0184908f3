// Records made up for tests of what reads records (claims, report): each config gets the fields those read,
// with values a test chooses (default: IHT 40 dB / accuracy 0.9, IMP 30 dB / 0.8, the constant predictor
// 10 dB). Never a golden: these say nothing about the methods.
import type { CellConfig } from '../../src/config/cell-config.js';
import type { CellRecord } from '../../src/run/record.js';

export type Scores = (cfg: CellConfig) => Partial<CellRecord>;

const base: Scores = (c) => {
  const imp = c.method === 'imp';
  return c.task === 'binary-mnist' || c.task === 'mnist' ? { accuracy: imp ? 0.8 : 0.9 } : { psnr: imp ? 30 : 40, psnrConstant: 10, psnrZero: 5 };
};

export function syntheticRecords(cfgs: readonly CellConfig[], scores: Scores = base): CellRecord[] {
  return cfgs.map((config, i) => {
    const imp = config.method === 'imp';
    return {
      config,
      configHash: i.toString(16).padStart(16, '0'),
      skipped: false,
      skipReason: null,
      diverged: false,
      divergedAtStep: null,
      divergedWhy: null,
      psnr: null,
      accuracy: null,
      psnrConstant: null,
      psnrZero: null,
      supportRecovered: imp ? null : true,
      valuesRecovered: imp ? null : true,
      nnz: config.s,
      convergenceStep: imp ? null : 3,
      steps: config.epochs,
      paramBytes: imp ? 4000 : 12 * config.s,
      optimizerBytes: imp ? 8000 : 0,
      psnrTrace: imp || config.layers !== 1 ? null : Array.from({ length: config.epochs }, (_, t) => 10 + t),
      ...base(config),
      ...scores(config),
    } as unknown as CellRecord;
  });
}
