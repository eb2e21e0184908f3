// IMP's progress as a task reports it: round r of about ⌈ln(s/N)/ln(1 − fraction)⌉, with the weights left.
import type { CellConfig } from '../config/cell-config.js';
import { expectedRounds } from '../imp/prune.js';
import type { Progress } from './outcome.js';

export function impProgress(
  cfg: Pick<CellConfig, 's' | 'pruneFraction'>,
  progress?: Progress,
): { onRound?: (r: { round: number; nnz: number; total: number }) => void } {
  if (!progress) return {};
  return {
    onRound: (r) =>
      progress({
        step: r.round,
        total: Math.max(r.round, expectedRounds(r.total, cfg.s, cfg.pruneFraction)),
        phase: `IMP ${r.nnz}/${r.total} weights`,
        unit: 'round',
      }),
  };
}
