// Checks of the theorem's conditions on tiny planted instances (exact enumeration). Each check
// throws a PropertyViolation carrying the measured constants.
import fc from 'fast-check';
import { angle, expectedGramBlock, expectedRestrictedGram } from '../src/conditions/expected-gram.js';
import { restrictedGram } from '../src/conditions/gram.js';
import { fittingSupports } from '../src/conditions/identifiability.js';
import { patternStats } from '../src/conditions/patterns.js';
import { binomial, fullGram, liveColumns, restrictedEigsExact } from '../src/conditions/restricted-eigs.js';
import { RandomGenerators, StackedGenerators, VectorGenerators } from '../src/lifted/generators.js';
import { LiftedOperator } from '../src/lifted/operator.js';
import { sumSquares } from '../src/linalg/vec.js';
import { fillNormal } from '../src/random/sampling.js';
import { stream } from '../src/random/streams.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import { PropertyViolation } from './violation.js';
import type { TheoryInstance } from './instances.js';

export const ALPHA_FLOOR = 1e-10;

/** α_2s, β_2s over live columns by enumeration, plus what identifiability needs. */
export function identifiabilityData(t: TheoryInstance) {
  const { A, wStar, y } = t;
  const n = A.rows;
  const full = fullGram(A);
  const live = liveColumns(A);
  const s = wStar.size;
  const eig = restrictedEigsExact(full, A.cols, 2 * s, live);
  const all = Int32Array.from({ length: A.cols }, (_, i) => i);
  const b = A.adjointSupport(all, y, new Float64Array(A.cols)).map((v) => v / n);
  const yy = sumSquares(y) / n;
  return { full, live, s, eig, b, yy };
}

/** Population restricted eigenvalues α_k, β_k of the closed-form E[(1/n)AᵀA] over live columns (exact). */
export function populationEigs(t: TheoryInstance, live: readonly number[], k: number): { alpha: number; beta: number } {
  const E = expectedRestrictedGram(t.generators, t.spec.d, live);
  return restrictedEigsExact(E, live.length, k);
}

/** Population α_2s below which RSC is not claimed (the closed form says the columns are near-dependent). */
export const POPULATION_ALPHA_MIN = 0.02;

/**
 * Concentration constant a in δ = a·(√(L/n) + L/n), L = k + ln(number of size-k supports). Why this form:
 * for a fixed support S, (1/n)A_SᵀA_S is the average of n i.i.d. rank-one matrices a_i a_iᵀ with mean G_S;
 * in whitened coordinates w_i = G_S^(−1/2) a_i the rows are sub-Gaussian (a gated Gaussian row is a
 * Gaussian row times 0/1 per block), so ‖(1/n)Σ w_i w_iᵀ − I‖ ≤ C·K²·(√(k/n) + k/n) with high probability,
 * and a union bound over the supports adds ln(#supports) to k. That bounds every restricted eigenvalue
 * relative to its population value: α̂ ≥ α(1 − δ), β̂ ≤ β(1 + δ). K (the whitened rows' sub-Gaussian norm)
 * has no closed form here, so a is calibrated: over 422 instances of this arbitrary (n = 200–600) the
 * measured deviation needed a ≤ 4.6 (empirical/population α_2s: min 0.57, median 0.94; β_2s: max 1.55),
 * and over 149 instances at n = 3,000–8,000, a ≤ 3.7 (ratios 0.89 and 1.09): the 1/√n shape holds. A later
 * CI run drew one instance that needed a = 6.0 without the L/n term (d = 2, k = 2, n = 200: β̂/β = 1.60, the
 * right tail of a chi-square-like average, heavier than the left); with the L/n term it needs 5.5. a = 8
 * leaves a third above that. Where δ ≥ 1 the lower bound says nothing more than the rank check (α̂ > 0),
 * which remains.
 */
export const RSC_CONCENTRATION = 8;

/**
 * RSC/RSS as Lemma 1 argues it, by concentration: whenever the population α_2s (closed form) is at
 * least POPULATION_ALPHA_MIN, the empirical α_2s and β_2s at the stated sample size are within a factor
 * 1 ∓ δ of their population values (δ = RSC_CONCENTRATION·(√(L/n) + L/n)), and α_2s is positive. Instances whose
 * population α_2s is smaller are not covered (fc.pre): there the dictionary itself is (near-)dependent —
 * e.g. a random generator almost parallel to a planted unit, or complementary ±1 units.
 */
export function checkRsc(t: TheoryInstance, gram: (t: TheoryInstance) => Float64Array = (u) => fullGram(u.A)): void {
  const live = liveColumns(t.A);
  const k = Math.min(2 * t.wStar.size, live.length);
  const pop = populationEigs(t, live, k);
  fc.pre(pop.alpha >= POPULATION_ALPHA_MIN);
  const eig = restrictedEigsExact(gram(t), t.A.cols, k, live);
  const L = k + Math.log(binomial(live.length, k));
  const delta = RSC_CONCENTRATION * (Math.sqrt(L / t.A.rows) + L / t.A.rows);
  const alphaMin = Math.max(ALPHA_FLOOR, pop.alpha * (1 - delta));
  const betaMax = pop.beta * (1 + delta);
  if (!(eig.alpha >= alphaMin && eig.beta <= betaMax)) {
    throw new PropertyViolation(
      `α_2s = ${eig.alpha} (needs ≥ ${alphaMin}), β_2s = ${eig.beta} (needs ≤ ${betaMax}); population ${pop.alpha}, ${pop.beta}; δ = ${delta}`,
      {
        alpha2s: eig.alpha,
        beta2s: eig.beta,
        populationAlpha2s: pop.alpha,
        populationBeta2s: pop.beta,
        delta,
        supports: eig.supports,
      },
    );
  }
}

/**
 * Identifiability (exhaustive): when α_2s > 0 the planted support is the only size-s support that fits y,
 * and every other leaves a relative residual ≥ ½·α_2s·min_i (w*_i)² / (‖y‖²/n).
 */
export function checkIdentifiable(t: TheoryInstance): void {
  const { full, live, s, eig, b, yy } = identifiabilityData(t);
  if (!(eig.alpha > ALPHA_FLOOR)) throw new PropertyViolation(`α_2s = ${eig.alpha}: the instance is not identifiable at level 2s`, { alpha2s: eig.alpha });
  const minW2 = Math.min(...Array.from(t.wStar.values(), (v) => v * v));
  const bound = (0.5 * eig.alpha * minW2) / yy;
  // Residuals are computed as ‖y‖² − 2zᵀb + zᵀGz (cancellation ~1e-15): below that the check cannot resolve.
  fc.pre(bound >= 1e-11);
  const { fits, bestNonFit } = fittingSupports(full, b, yy, t.A.cols, s, bound / 2, live);
  const planted = Array.from(t.wStar.indices()).join(',');
  const others = fits.filter((f) => f.support.join(',') !== planted);
  if (others.length > 0 || fits.length !== 1 || bestNonFit < bound) {
    throw new PropertyViolation(`planted support ${planted}: ${fits.length} fitting supports, best other residual ${bestNonFit} vs bound ${bound}`, {
      alpha2s: eig.alpha,
      fits,
      bestNonFit,
      bound,
    });
  }
}

/** The counterpart instance: block 0's generator is duplicated (scaled by c > 0) as one more block. */
export function withDuplicatedGenerator(t: TheoryInstance, scale: number): TheoryInstance {
  const { spec } = t;
  const d = spec.d;
  const planted = SparseVector.fromEntries(spec.m * d, Math.max(1, t.wStar.size), Array.from(t.wStar.indices()), Array.from(t.wStar.values()));
  const copy = planted.denseBlock(0, new Float64Array(d)).map((v) => v * scale);
  const dup = SparseVector.fromEntries(
    d,
    d,
    Array.from({ length: d }, (_, i) => i).filter((i) => copy[i] !== 0),
    Array.from(copy).filter((v) => v !== 0),
  );
  const blocks = spec.m + spec.extra + 1;
  const A = new LiftedOperator(t.A.x, blocks, spec.seed);
  const head = new VectorGenerators(planted, d, spec.m);
  const withExtra = spec.extra > 0 ? new StackedGenerators(head, new RandomGenerators(spec.seed, d, spec.extra, spec.m)) : head;
  A.setGenerators(new StackedGenerators(withExtra, new VectorGenerators(dup, d, 1)));
  const wStar = SparseVector.fromEntries(blocks * d, Math.max(1, t.wStar.size), Array.from(t.wStar.indices()), Array.from(t.wStar.values()));
  return { ...t, A, wStar, blocks, generators: [...t.generators, copy] };
}

/** Counterpart: with a duplicated pattern, α_2s = 0 and an s-sparse vector other than w* fits y. */
export function checkDuplicateDetected(t: TheoryInstance): void {
  const { full, live, s, eig, b, yy } = identifiabilityData(t);
  const { fits } = fittingSupports(full, b, yy, t.A.cols, s, 1e-9, live);
  if (eig.alpha > 1e-9 || fits.length < 2)
    throw new PropertyViolation(`duplicate not detected: α_2s = ${eig.alpha}, ${fits.length} fitting supports`, { alpha2s: eig.alpha, fits });
}

export interface GramSpec {
  seed: number;
  d: number;
  p: number;
}
export type BlockFormula = (a: ArrayLike<number>, b: ArrayLike<number>) => Float64Array;

/** RMS error over all entries between the empirical (1/n)AᵀA (random generators) and the closed form, at sample size n.
 *  (RMS rather than max: a maximum over few entries is too noisy to compare across n.) */
function gramError(spec: GramSpec, n: number, formula: BlockFormula = expectedGramBlock, draw = 0): number {
  const x = new Float32Array(n * spec.d);
  fillNormal(stream(spec.seed, `gram-data:${n}:${draw}`), x);
  const A = new LiftedOperator({ rows: n, cols: spec.d, data: x }, spec.p, spec.seed);
  const cols = spec.p * spec.d;
  const G = restrictedGram(
    A,
    Int32Array.from({ length: cols }, (_, i) => i),
  );
  const gens = Array.from({ length: spec.p }, (_, j) => {
    const h = new Float64Array(spec.d);
    fillNormal(stream(spec.seed, `generator:${j}`), h);
    return h;
  });
  let sq = 0;
  for (let i = 0; i < spec.p; i++)
    for (let j = 0; j < spec.p; j++) {
      const block = formula(gens[i]!, gens[j]!);
      for (let a = 0; a < spec.d; a++) for (let c = 0; c < spec.d; c++) sq += (G[(i * spec.d + a) * cols + j * spec.d + c]! - block[a * spec.d + c]!) ** 2;
    }
  return Math.sqrt(sq / (cols * cols));
}

const GRAM_SIZES = [1000, 4000, 16000, 64000] as const;

/** Least-squares slope of log(err) against log(n). */
function logLogSlope(ns: readonly number[], errs: readonly number[]): number {
  const lx = ns.map(Math.log);
  const ly = errs.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * (ly[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/**
 * The empirical Gram converges to the closed form like 1/√n: over n = 1000 … 64000 the RMS error
 * (averaged over three data draws per n) falls with a log-log slope in [−0.85, −0.25] (−½ expected;
 * measured noise moves err·√n by up to ~2.4× between sizes), and err·√n stays below 4 (each entry's
 * standard deviation is at most √E[x_a² x_b²] ≤ √3). A wrong closed form leaves a bias: slope ≈ 0.
 */
export function checkGramConverges(spec: GramSpec, formula?: BlockFormula): void {
  const errs = GRAM_SIZES.map((n) => [0, 1, 2].reduce((acc, r) => acc + gramError(spec, n, formula, r), 0) / 3);
  const slope = logLogSlope(GRAM_SIZES, errs);
  const scaled = errs.map((e, i) => e * Math.sqrt(GRAM_SIZES[i]!));
  if (!(slope >= -0.85 && slope <= -0.25 && Math.max(...scaled) <= 4)) {
    throw new PropertyViolation(`Gram error slope ${slope.toFixed(3)} (err·√n: ${scaled.map((v) => v.toFixed(2)).join(', ')})`, { errs, slope, scaled });
  }
}

/** Coverage ≈ ½ and separation ≈ min angle/π within CLT tolerances (patterns of the planted dictionary). */
export function checkPatternsMatchPrediction(t: TheoryInstance, predictSeparation: (theta: number) => number = (th) => th / Math.PI): void {
  const st = patternStats(t.A);
  const n = t.A.rows;
  const live = t.generators.filter((g) => g.some((v) => v !== 0));
  let minSep = 1;
  for (let a = 0; a < live.length; a++) for (let b = a + 1; b < live.length; b++) minSep = Math.min(minSep, predictSeparation(angle(live[a]!, live[b]!)));
  const pairs = (live.length * (live.length - 1)) / 2;
  const tolCov = (4 * 0.5 * Math.sqrt(1 + Math.log(live.length + 1))) / Math.sqrt(n);
  const tolSep = (4 * 0.5 * Math.sqrt(1 + Math.log(pairs + 1))) / Math.sqrt(n);
  const covOk = Math.abs(st.coverage - 0.5) <= tolCov;
  const sepOk = live.length < 2 || Math.abs(st.separation - minSep) <= tolSep;
  if (!covOk || !sepOk)
    throw new PropertyViolation(`coverage ${st.coverage} (±${tolCov} of 0.5), separation ${st.separation} vs predicted ${minSep} (±${tolSep})`, {
      coverage: st.coverage,
      separation: st.separation,
      predictedSeparation: minSep,
    });
}
