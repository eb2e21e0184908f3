// A run that diverged: a result of the method (e.g. the reference's α = 2 step rule), not a crash. Records
// report it apart from a skipped cell, with the step and the cause.

/** Why a run diverged: a value of the iterate became ±inf or NaN; the vector step's float32 count sketch
 *  overflowed (its ranking is then NaN); or the training loss of IMP became non-finite. */
export type DivergenceCause = 'non-finite iterate' | 'sketch overflow' | 'loss blow-up';

export const DIVERGENCE_CAUSES: readonly DivergenceCause[] = ['non-finite iterate', 'sketch overflow', 'loss blow-up'];

export class DivergenceError extends RangeError {
  /** arithmetic engines that computed up to the divergence (the drivers add them on the way up) */
  readonly engines: string[] = [];
  constructor(
    public why: DivergenceCause,
    message: string,
    /** 0-based index of the step whose result was first non-finite (the drivers fill it in on the way up) */
    public step: number | null = null,
  ) {
    super(message);
    this.name = 'DivergenceError';
  }
}
