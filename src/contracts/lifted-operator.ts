// Contract for the lifted operator A = [D(h_1)X | … | D(h_m)X], D(h) = diag(1[X h > 0]) (a strict gate:
// a zero generator gives a zero block). An implementation is built from (X, generators) and offers A w and
// Aᵀ r; the contract compares both with a dense float64 oracle written here, checks the adjoint identity
// ⟨A u, r⟩ = ⟨u, Aᵀ r⟩, and the lifted identity: with h_j := w_j, A w is the ReLU network Σ_j relu(X w_j).
import fc from 'fast-check';
import { liftedCase, liftedCaseData, type LiftedCase, type LiftedCaseData } from './arbitraries/lifted-case.js';
import { callUser, ContractViolation, optionsText, requireFunction, runContract, type ContractOptions, type ContractResult } from './contract.js';

/** What an implementation is built from. Rows are row-major; block j of a weight vector is entries j·d … j·d + d − 1. */
export interface LiftedProblem {
  n: number;
  d: number;
  m: number;
  /** n × d, row-major (float32-representable values) */
  x: Float64Array;
  /** m × d, row-major: generator h_j in row j */
  generators: Float64Array;
}

export interface LiftedOperatorLike {
  /** A w: length n, for w of length m·d */
  apply(w: Float64Array): ArrayLike<number>;
  /** Aᵀ r: length m·d, for r of length n */
  adjoint(r: Float64Array): ArrayLike<number>;
}

export type LiftedOperatorFactory = (problem: LiftedProblem) => LiftedOperatorLike;

export interface LiftedOperatorOptions extends ContractOptions {
  /** allowed difference from the oracle, relative to the sum of the absolute products behind each entry (default 1e-12: float64 rounding, any summation order) */
  tolerance?: number;
  /** include instances with a zero generator (default true) */
  zeroGenerators?: boolean;
}

const SHAPE = 'A w has length n and Aᵀ r length m·d, all finite';
const ADJOINT_IDENTITY = 'adjoint identity ⟨A u, r⟩ = ⟨u, Aᵀ r⟩';
const APPLY = 'A w equals the dense oracle';
const ADJOINT = 'Aᵀ r equals the dense oracle';
const LIFTED = 'lifted identity: with h_j := w_j, A w = Σ_j relu(X w_j)';

/** The oracle's gates: x_i · h_j > 0, summed in index order. */
function gates(t: LiftedCase, x: Float64Array, h: Float64Array): Uint8Array {
  const g = new Uint8Array(t.n * t.m);
  for (let i = 0; i < t.n; i++)
    for (let j = 0; j < t.m; j++) {
      let dot = 0;
      for (let k = 0; k < t.d; k++) dot += x[i * t.d + k]! * h[j * t.d + k]!;
      g[i * t.m + j] = dot > 0 ? 1 : 0;
    }
  return g;
}

/** Whether some x_i · h_j is so close to 0 that rounding could decide its gate (then the instance is skipped). */
function gateAmbiguous(t: LiftedCase, x: Float64Array, h: Float64Array): boolean {
  for (let i = 0; i < t.n; i++)
    for (let j = 0; j < t.m; j++) {
      let dot = 0;
      let scale = 0;
      for (let k = 0; k < t.d; k++) {
        dot += x[i * t.d + k]! * h[j * t.d + k]!;
        scale += Math.abs(x[i * t.d + k]! * h[j * t.d + k]!);
      }
      if (scale > 0 && Math.abs(dot) <= 1e-9 * scale) return true;
    }
  return false;
}

/** A w and, per row, Σ |A_ij w_j| (the scale its rounding is measured against). */
function applyOracle(t: LiftedCase, x: Float64Array, g: Uint8Array, w: Float64Array): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(t.n);
  const scale = new Float64Array(t.n);
  for (let i = 0; i < t.n; i++)
    for (let j = 0; j < t.m; j++) {
      if (!g[i * t.m + j]) continue;
      for (let k = 0; k < t.d; k++) {
        const p = x[i * t.d + k]! * w[j * t.d + k]!;
        value[i]! += p;
        scale[i]! += Math.abs(p);
      }
    }
  return { value, scale };
}

function adjointOracle(t: LiftedCase, x: Float64Array, g: Uint8Array, r: Float64Array): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(t.m * t.d);
  const scale = new Float64Array(t.m * t.d);
  for (let j = 0; j < t.m; j++)
    for (let k = 0; k < t.d; k++)
      for (let i = 0; i < t.n; i++) {
        if (!g[i * t.m + j]) continue;
        const p = x[i * t.d + k]! * r[i]!;
        value[j * t.d + k]! += p;
        scale[j * t.d + k]! += Math.abs(p);
      }
  return { value, scale };
}

function vectorOf(out: unknown, length: number, what: string): Float64Array {
  if (out === null || typeof out !== 'object' || typeof (out as { length?: unknown }).length !== 'number')
    throw new ContractViolation(SHAPE, `${what} returned ${out === null ? 'null' : typeof out}, not an array of numbers`);
  const v = Float64Array.from(out as ArrayLike<number>);
  if (v.length !== length) throw new ContractViolation(SHAPE, `${what} has length ${v.length}, expected ${length}`);
  const bad = v.findIndex((e) => !Number.isFinite(e));
  if (bad >= 0) throw new ContractViolation(SHAPE, `${what}[${bad}] is ${v[bad]}`);
  return v;
}

function compare(property: string, got: Float64Array, want: { value: Float64Array; scale: Float64Array }, tol: number, what: string): void {
  for (let i = 0; i < got.length; i++) {
    const gap = Math.abs(got[i]! - want.value[i]!);
    if (gap > tol * want.scale[i]! && gap !== 0)
      throw new ContractViolation(
        property,
        `${what}[${i}] = ${got[i]}, the oracle gives ${want.value[i]} (gap ${gap.toExponential(2)}, allowed ${(tol * want.scale[i]!).toExponential(2)})`,
      );
  }
}

function build(make: LiftedOperatorFactory, t: LiftedCase, data: LiftedCaseData, generators: Float64Array): LiftedOperatorLike {
  const op = callUser(SHAPE, 'liftedOperator(problem)', () => make({ n: t.n, d: t.d, m: t.m, x: data.x.slice(), generators: generators.slice() }));
  if (op === null || typeof op !== 'object' || typeof op.apply !== 'function' || typeof op.adjoint !== 'function')
    throw new ContractViolation(SHAPE, 'liftedOperator(problem) must return an object with apply(w) and adjoint(r)');
  return op;
}

function check(make: LiftedOperatorFactory, t: LiftedCase, tol: number): void {
  const data = liftedCaseData(t);
  const { x, generators, w, r } = data;
  fc.pre(!gateAmbiguous(t, x, generators) && !gateAmbiguous(t, x, w));
  const op = build(make, t, data, generators);
  const aw = vectorOf(
    callUser(SHAPE, 'apply(w)', () => op.apply(w.slice())),
    t.n,
    'apply(w)',
  );
  const atr = vectorOf(
    callUser(SHAPE, 'adjoint(r)', () => op.adjoint(r.slice())),
    t.m * t.d,
    'adjoint(r)',
  );
  const g = gates(t, x, generators);
  const fromApply = applyOracle(t, x, g, w);
  let left = 0;
  let right = 0;
  let scale = 0;
  for (let i = 0; i < t.n; i++) {
    left += aw[i]! * r[i]!;
    scale += fromApply.scale[i]! * Math.abs(r[i]!);
  }
  for (let c = 0; c < w.length; c++) right += w[c]! * atr[c]!;
  const gap = Math.abs(left - right);
  if (gap > tol * scale && gap !== 0)
    throw new ContractViolation(
      ADJOINT_IDENTITY,
      `⟨A u, r⟩ = ${left}, ⟨u, Aᵀ r⟩ = ${right} (gap ${gap.toExponential(2)}, allowed ${(tol * scale).toExponential(2)})`,
    );
  compare(APPLY, aw, fromApply, tol, 'apply(w)');
  compare(ADJOINT, atr, adjointOracle(t, x, g, r), tol, 'adjoint(r)');
  // the lifted identity: an operator built with the weights as generators computes the network
  const net = build(make, t, data, w);
  const lifted = vectorOf(
    callUser(LIFTED, 'apply(w) with h_j := w_j', () => net.apply(w.slice())),
    t.n,
    'apply(w) with h_j := w_j',
  );
  const relu = { value: new Float64Array(t.n), scale: new Float64Array(t.n) };
  for (let i = 0; i < t.n; i++)
    for (let j = 0; j < t.m; j++) {
      let z = 0;
      for (let k = 0; k < t.d; k++) {
        z += x[i * t.d + k]! * w[j * t.d + k]!;
        relu.scale[i]! += Math.abs(x[i * t.d + k]! * w[j * t.d + k]!);
      }
      relu.value[i]! += Math.max(0, z);
    }
  compare(LIFTED, lifted, relu, tol, 'apply(w) with h_j := w_j');
}

export function checkLiftedOperator(liftedOperator: LiftedOperatorFactory, options: LiftedOperatorOptions = {}): ContractResult {
  requireFunction(liftedOperator, 'liftedOperator', 'checkLiftedOperator');
  const tol = options.tolerance ?? 1e-12;
  if (!(tol >= 0 && tol < 1)) throw new RangeError(`checkLiftedOperator: options.tolerance must be in [0, 1), got ${String(options.tolerance)}`);
  const extra = { ...(options.tolerance !== undefined ? { tolerance: tol } : {}), ...(options.zeroGenerators === false ? { zeroGenerators: false } : {}) };
  return runContract(
    {
      name: 'liftedOperator',
      statement: `liftedOperator: ${APPLY}, ${ADJOINT}, ${ADJOINT_IDENTITY}, ${LIFTED} (tolerance ${tol})`,
      arbitrary: liftedCase({ zeroGenerators: options.zeroGenerators ?? true }),
      predicate: (t) => check(liftedOperator, t, tol),
      show: (t) => {
        const d = liftedCaseData(t);
        return { n: t.n, d: t.d, m: t.m, x: Array.from(d.x), generators: Array.from(d.generators), w: Array.from(d.w), r: Array.from(d.r) };
      },
      defaultRuns: 100,
      replayCall: (seed, path) => `checkLiftedOperator(liftedOperator, ${optionsText(seed, path, extra)})`,
    },
    options,
  );
}
