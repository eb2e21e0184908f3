// The clock of a long run: what is left by the cost model (tasks/cost.ts), scaled by how long the work
// finished so far took against what the model said it would — a machine twice as slow as the model's
// sees twice the ETA. Until 5 % of the modelled work is done, the model alone (÷ executors).
export class RunClock {
  private doneModel = 0;
  private doneCells = 0;
  private readonly t0: number;

  constructor(
    private remainingModel: number,
    private readonly executors: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.t0 = now();
  }

  /** A cell finished whose share of the model's cost was `modelSeconds`. */
  finished(modelSeconds: number): void {
    this.doneModel += modelSeconds;
    this.remainingModel = Math.max(0, this.remainingModel - modelSeconds);
    this.doneCells++;
  }

  elapsedSeconds(): number {
    return (this.now() - this.t0) / 1000;
  }

  /** Seconds left, or null when nothing is left. */
  etaSeconds(): number | null {
    if (this.remainingModel <= 0) return null;
    // a few small cells say little about the big ones: calibrate once 5 % of the modelled work is done
    if (this.doneModel < 0.05 * (this.doneModel + this.remainingModel)) return this.remainingModel / this.executors;
    return (this.elapsedSeconds() / this.doneModel) * this.remainingModel;
  }

  cellsPerMinute(): number {
    const minutes = this.elapsedSeconds() / 60;
    return minutes > 0 ? this.doneCells / minutes : 0;
  }
}

/** 59 s, 12 min, 3.4 h, 5.1 d */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}
