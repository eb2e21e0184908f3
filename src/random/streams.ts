// Named random streams: every draw in the project comes from stream(seed, role).
// Each stream is seeded by the string "srl/v1/<seed>/<role>", so streams are independent
// of one another and adding a new role can never shift the draws of an existing one.
import seedrandom from 'seedrandom';

export interface RandomStream {
  /** The role this stream was derived for (kept for error messages and replay lines). */
  readonly role: string;
  /** Uniform double in [0, 1) with 53 bits of resolution. */
  uniform(): number;
  /** Uniform integer in [0, bound). */
  int(bound: number): number;
  /** Standard normal draw (Box–Muller, pairs cached). */
  normal(): number;
}

class AleaStream implements RandomStream {
  private readonly prng: seedrandom.PRNG;
  private spare: number | null = null;

  constructor(
    readonly role: string,
    seedText: string,
  ) {
    this.prng = seedrandom.alea(seedText);
  }

  uniform(): number {
    return this.prng.double();
  }

  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0) throw new RangeError(`int bound must be a positive integer, got ${bound}`);
    return Math.floor(this.uniform() * bound);
  }

  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

export function stream(seed: number, role: string): RandomStream {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (role.length === 0) throw new RangeError('stream role must be a non-empty string');
  return new AleaStream(role, `srl/v1/${seed}/${role}`);
}

/** Roles used across the project, in one place so that a typo cannot silently fork a stream. */
export const Role = {
  plantedWeights: 'planted-weights',
  data: 'data',
  generator: (j: number) => `generator:${j}`,
  gaussianColumn: (j: number) => `gaussian-column:${j}`,
  gaussianSignal: 'gaussian-signal',
  batchOrder: (epoch: number) => `batch-order:${epoch}`,
  vectorReinit: (j: number) => `vector-reinit:${j}`,
  init: 'init',
  /** IMP batch order of a round (and epoch, when batches are reshuffled every epoch) */
  impOrder: (round: number, epoch: number) => `imp-order:${round}:${epoch}`,
  sampledSupports: 'sampled-supports',
  fourier: 'fourier-features',
} as const;
