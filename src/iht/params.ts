import type { StreamFamily } from '../config/streams.js';
import type { TiePolicy } from '../sparse/sparse-vector.js';

// Constants the reference code fixes, gathered in one typed object. The cell config exposes each
// of them as a flag (with provenance in its description); algorithms only ever read this object.

export interface ScalarStepParams {
  /** support-restricted refinement iterations per outer step (reference: 10; Gaussian sanity: 3) */
  innerSteps: number;
  /** Armijo sufficient-decrease constant (reference: 0.9) */
  armijo: number;
  /** failed Armijo trials tolerated before reverting to the thresholded point (reference: give up when tries > 10) */
  maxTries: number;
  /** step size used when the iterate is empty, i.e. at step 0 (reference: 1e-14, so step 0 only selects a support) */
  firstStepMu: number;
  /** added to the denominator of the normalized step ‖g‖²/(‖A_S g‖² + eps) (reference: 1e-8) */
  stepEps: number;
  /** how top-s breaks exact ties (reference: NumPy's argsort order) */
  ties: TiePolicy;
}

export const REFERENCE_SCALAR: ScalarStepParams = { innerSteps: 10, armijo: 0.9, maxTries: 10, firstStepMu: 1e-14, stepEps: 1e-8, ties: 'numpy' };

export interface VectorStepParams {
  /** gradient step α (reference rule in vectorStepSize) */
  alpha: number;
  /** cross-entropy (softmax) loss instead of squared error */
  crossEntropy: boolean;
  /** the uniform re-initialisation's draws: the reference's `np.random.seed(j)` (the block index alone,
   *  independent of the run seed), or stream(0, vector-reinit:j) */
  reinit: StreamFamily;
}

/** Reference rule (SPEC §3.4): 0.005; 2 when s < 6·m^0.536; 0.001 with cross-entropy. */
export function vectorStepSize(s: number, m: number, crossEntropy: boolean): number {
  if (crossEntropy) return 0.001;
  return s < 6 * m ** 0.536 ? 2 : 0.005;
}
