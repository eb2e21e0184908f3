// The census of bench/iht-floor.ts against the calls the scalar step really makes: an operator that
// counts, per call, active rows × support entries (or × d for the sweep) must agree with stepMacs.
import { expect, test } from 'vitest';
import { activeRows, addCensus, emptyCensus, productMacs, stepMacs, type MacCensus } from '../bench/iht-census.js';
import { REFERENCE_SCALAR } from '../src/iht/params.js';
import { stepScalar } from '../src/iht/step-scalar.js';
import { LiftedOperator, type BlockOperator } from '../src/lifted/operator.js';
import { plant } from '../src/network/plant.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';

/** Forwards to A and adds what each call multiplies. */
function counting(A: LiftedOperator, tally: MacCensus): BlockOperator {
  const d = A.blockSize;
  return {
    rows: A.rows,
    blockSize: d,
    numBlocks: A.numBlocks,
    cols: A.cols,
    isZeroBlock: (j) => A.isZeroBlock(j),
    adjointBlock: (j, r, out) => {
      tally.sweep += activeRows(A)[j]! * d;
      return A.adjointBlock(j, r, out);
    },
    adjointBlocks: (j0, count, r, out) => {
      const active = activeRows(A);
      for (let c = 0; c < count; c++) tally.sweep += active[j0 + c]! * d;
      return A.adjointBlocks(j0, count, r, out);
    },
    applySupport: (idx, val, out, count = idx.length) => {
      tally.apply += productMacs(activeRows(A), d, Array.from(idx).slice(0, count));
      return A.applySupport(idx, val, out, count);
    },
    adjointSupport: (idx, r, out, count = idx.length) => {
      tally.adjoint += productMacs(activeRows(A), d, Array.from(idx).slice(0, count));
      return A.adjointSupport(idx, r, out, count);
    },
  };
}

test('stepMacs counts exactly the multiply-adds of the products stepScalar calls, step after step', () => {
  const m = 5,
    d = 8,
    s = 12;
  const inst = plant({ d, m, k: 1, layers: 1, s, n: 300, seed: 4 });
  const A = new LiftedOperator(inst.x, m, 4);
  const counted = emptyCensus();
  const predicted = emptyCensus();
  const wrong = emptyCensus();
  let w = new SparseVector(m * d, s);
  for (let t = 0; t < 5; t++) {
    const active = activeRows(A);
    const next = stepScalar(counting(A, counted), inst.y, w, s, REFERENCE_SCALAR).w;
    addCensus(predicted, stepMacs(active, d, w.indices(), next.indices(), REFERENCE_SCALAR.innerSteps));
    addCensus(wrong, stepMacs(active, d, w.indices(), next.indices(), REFERENCE_SCALAR.innerSteps - 1));
    w = next;
    if (t > 0) A.setGenerators(w); // sequential convex, every step: the gates change between steps
  }
  expect(counted.apply).toBeGreaterThan(0);
  expect(predicted).toEqual(counted);
  // a census that miscounts the refinement's iterations is caught
  expect(wrong.apply).not.toBe(counted.apply);
  expect(wrong.adjoint).not.toBe(counted.adjoint);
});
