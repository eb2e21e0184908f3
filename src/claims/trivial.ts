// What "no better than a trivial predictor" means for a run: within TRIVIAL_MARGIN of the best constant
// predictor (PSNR figures: the record's own psnrConstant, the mean label on the same data) or of chance
// (accuracy: 1/classes). A win over such a run is a win over a network that learned nothing.
import type { MetricName } from '../config/names.js';
import type { CellRecord } from '../run/record.js';

/** at or below trivial + this margin a score counts as trivial */
const TRIVIAL_MARGIN = { psnr: 1, accuracy: 0.05 } as const;
/** "clearly learns" (the fair budget's criterion): at least this far above trivial */
const CLEAR_MARGIN = { psnr: 3, accuracy: 0.1 } as const;

type Scored = Pick<CellRecord, 'psnr' | 'accuracy' | 'psnrConstant'> & { config: Pick<CellRecord['config'], 'task'> };

/** The trivial predictor's score for a run (null when the run has none: skipped or diverged). */
function trivialLevel(metric: MetricName, r: Scored): number | null {
  if (metric === 'psnr') return r.psnrConstant;
  if (metric !== 'accuracy') return null;
  return r.config.task === 'binary-mnist' ? 0.5 : 0.1;
}

/** The run's score, the trivial level and the margin between them (null: no score), with the clear margin. */
export function trivialMargin(metric: MetricName, r: Scored): { trivial: number; margin: number; needed: number } | null {
  if (metric === 'convergenceStep') return null;
  const v = r[metric];
  const t = trivialLevel(metric, r);
  if (v === null || t === null) return null;
  return { trivial: t, margin: v - t, needed: CLEAR_MARGIN[metric] };
}

/** Whether a run scored no better than the trivial predictor. */
export function isTrivial(metric: MetricName, r: Scored): boolean {
  const m = trivialMargin(metric, r);
  return m !== null && metric !== 'convergenceStep' && m.margin <= TRIVIAL_MARGIN[metric];
}
