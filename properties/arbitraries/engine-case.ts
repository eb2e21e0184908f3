// Arbitrary: one streaming-kernel configuration to run on two engines — a small lifted instance
// (integer seed and sizes), X stored as f32 or f64, row chunk, and whether gates are cached.
// m reaches past the sweep batch (16) so that multi-pass sweeps are covered.
import fc from 'fast-check';
import { liftedInstance, type LiftedInstanceSpec } from './lifted-instance.js';

export interface EngineCaseConstraints {
  maxN?: number;
  maxM?: number;
}

export interface EngineCase {
  spec: LiftedInstanceSpec;
  element: 'f32' | 'f64';
  /** rows per chunk: a multiple of 32 */
  rowChunk: 32 | 64 | 256;
  /** false: gate cache of 0 bytes, every gate recomputed into the scratch slot */
  cache: boolean;
}

export function engineCase(c: EngineCaseConstraints = {}): fc.Arbitrary<EngineCase> {
  return fc.record({
    spec: liftedInstance({ maxN: c.maxN ?? 160, maxD: 9, maxM: c.maxM ?? 20, maxS: 40 }),
    element: fc.constantFrom('f32' as const, 'f64' as const),
    rowChunk: fc.constantFrom(32 as const, 64 as const, 256 as const),
    cache: fc.boolean(),
  });
}
