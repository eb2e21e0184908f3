import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LiftedOperator, KERNELS } from '../src/lifted/operator.js';
import { liftedInstance, type LiftedInstanceSpec } from './arbitraries/lifted-instance.js';
import { property } from './harness.js';
import {
  checkAdjointIdentity,
  checkAgreesWithOracle,
  checkLiftedIdentity,
  kernelFactory,
  smallChunkStreaming,
  type OperatorFactory,
} from './lifted-operator.suite.js';

const FILE = 'properties/lifted-operator.prop.test.ts';
const instances = liftedInstance({ maxN: 100 });

const implementations: Array<[string, OperatorFactory]> = [
  ...KERNELS.map((k) => [k, kernelFactory(k)] as [string, OperatorFactory]),
  ['streaming (32-row chunks, no cache)', smallChunkStreaming],
];

for (const [kernel, make] of implementations) {
  describe(`lifted operator, ${kernel} kernel`, () => {
    property(`${kernel}: agrees with the dense oracle to 1e-12`, instances, (spec) => checkAgreesWithOracle(spec, make), { numRuns: 60, file: FILE });
    property(`${kernel}: adjoint identity ⟨A u, r⟩ = ⟨u, Aᵀ r⟩`, instances, (spec) => checkAdjointIdentity(spec, make), { numRuns: 60, file: FILE });
    property(`${kernel}: lifted identity, A w = network forward pass under SCP gates`, instances, (spec) => checkLiftedIdentity(spec, make), {
      numRuns: 60,
      file: FILE,
    });
  });
}

describe('the operator properties reject broken kernels', () => {
  const run = (check: (spec: LiftedInstanceSpec, make: OperatorFactory) => void, make: OperatorFactory) =>
    fc.assert(
      fc.property(instances, (spec) => {
        check(spec, make);
      }),
      { numRuns: 60, seed: 1 },
    );

  class PerturbedAdjoint extends LiftedOperator {
    override adjointBlock(j: number, r: Float64Array, out: Float64Array): Float64Array {
      super.adjointBlock(j, r, out);
      out[0] = out[0]! * (1 + 1e-9) + 1e-9;
      return out;
    }
    override adjointSupport(idx: ArrayLike<number>, r: Float64Array, out: Float64Array, count?: number): Float64Array {
      super.adjointSupport(idx, r, out, count);
      out[0] = out[0]! * (1 + 1e-9) + 1e-9;
      return out;
    }
  }
  /** Ignores generator updates: gates stay those of the random generators. */
  class StaleGates extends LiftedOperator {
    override setGenerators(): void {}
  }
  const perturbed: OperatorFactory = (x, m, seed) => new PerturbedAdjoint(x, m, seed);
  const stale: OperatorFactory = (x, m, seed) => new StaleGates(x, m, seed);

  test('a perturbed adjoint fails oracle agreement and the adjoint identity', () => {
    expect(() => run(checkAgreesWithOracle, perturbed)).toThrow();
    expect(() => run(checkAdjointIdentity, perturbed)).toThrow();
  });
  test('gates that ignore the generator update fail the lifted identity and oracle agreement', () => {
    expect(() => run(checkLiftedIdentity, stale)).toThrow();
    expect(() => run(checkAgreesWithOracle, stale)).toThrow();
  });
});
