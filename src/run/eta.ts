// The clock of every long run (a sweep, a list of parity cells, one cell's steps): what is left by a model of
// the work, scaled by how long the work finished so far took against what the model said — a machine twice as
// slow as the model's sees twice the ETA. A model in seconds (tasks/cost.ts) is believed alone (÷ executors)
// until 5 % of it is done; a model in other units (steps, epochs) gives no ETA until some work is done.
export class RunClock {
  private doneModel = 0;
  private doneCells = 0;
  private readonly t0: number;

  constructor(
    private remainingModel: number,
    private readonly executors: number,
    private readonly now: () => number = () => Date.now(),
    private readonly modelInSeconds = true,
  ) {
    this.t0 = now();
  }

  /** A piece of work finished whose share of the model was `model`; `remaining`: the model of what is left, when it was revised. */
  finished(model: number, remaining?: number): void {
    this.doneModel += model;
    this.remainingModel = Math.max(0, remaining ?? this.remainingModel - model);
    this.doneCells++;
  }

  elapsedSeconds(): number {
    return (this.now() - this.t0) / 1000;
  }

  /** Seconds left, or null when nothing is left. */
  etaSeconds(): number | null {
    if (this.remainingModel <= 0) return null;
    if (!this.modelInSeconds) return this.doneModel > 0 ? (this.elapsedSeconds() / this.doneModel) * this.remainingModel : null;
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
