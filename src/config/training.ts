// How long a method trains, in its own unit (open_lth's step.py: a budget knows its unit). Full-batch
// AIHT and the theorem form count steps (each uses every row); mini-batch AIHT counts epochs (⌈n/batch⌉
// steps each); IMP counts epochs of each pruning round. The flag stays --epochs, the reference's name
// for all of them; what it means for a cell is this value, and the record's convergenceUnit is its unit.
export type TrainingUnit = 'step' | 'epoch';

export interface TrainingBudget {
  readonly count: number;
  readonly unit: TrainingUnit;
  /** what the count repeats for (IMP: each pruning round) */
  readonly per?: string;
}

export const stepBudget = (count: number): TrainingBudget => ({ count, unit: 'step' });
export const epochBudget = (count: number, per?: string): TrainingBudget => (per ? { count, unit: 'epoch', per } : { count, unit: 'epoch' });

/** "15 steps", "1 epoch", "3 epochs per pruning round" */
export const describeTraining = (b: TrainingBudget): string => `${b.count} ${b.unit}${b.count === 1 ? '' : 's'}${b.per ? ` per ${b.per}` : ''}`;
