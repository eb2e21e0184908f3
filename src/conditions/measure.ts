// Measures, for one planted instance and its fixed dictionary, the quantities Theorem 1 rests on:
// coverage ε, separation γ, restricted eigenvalues α, β (with how each was obtained), κ, the
// projection size 32κ²s the theorem asks for, and closed-form predictions under Gaussian data.
import type { ConditionsConfig } from '../config/conditions.js';
import { symmetricEigenvalues } from '../linalg/symeig.js';
import { plant } from '../network/plant.js';
import { plantedDictionary } from '../lifted/dictionary.js';
import { angle, expectedRestrictedGram } from './expected-gram.js';
import { patternStats } from './patterns.js';
import {
  binomial,
  fullGram,
  liveColumns,
  restrictedEigsExact,
  restrictedEigsOnSupport,
  restrictedEigsSampled,
  type RestrictedEigs,
} from './restricted-eigs.js';

export interface ConditionsReport {
  config: ConditionsConfig;
  /** dictionary size p, number of lifted columns p·d, and of live columns (zero blocks left out) */
  blocks: number;
  cols: number;
  liveCols: number;
  plantedNnz: number;
  coverage: { measured: number; predicted: number };
  separation: { measured: number; predicted: number; closestPair: [number, number] | null };
  /** α, β on the planted support, measured and predicted by the closed-form E[(1/n)AᵀA] (null above MAX_LEVEL) */
  plantedSupport: (RestrictedEigs & { predictedAlpha: number; predictedBeta: number }) | null;
  /** level 2s: identifiability (α_2s > 0 ⇒ no other s-sparse vector fits y); null above MAX_LEVEL */
  identifiability: RestrictedEigs | null;
  /** level min(2s̃ + s, live columns): the theorem's RSC/RSS level; null above MAX_LEVEL */
  theorem: (RestrictedEigs & { sTilde: number }) | null;
  /** why a level is missing, if one is */
  notMeasured: string | null;
  /** β/α at the theorem level: Infinity when α ≤ 1e-10 there; null when that level was not measured */
  kappa: number | null;
  /** ⌈32 κ² s⌉, the projection size Theorem 1 asks for (Infinity, or null, as κ) */
  sTildeRequired: number | null;
  verdict: {
    /** α_2s > 0; 'unknown' when the level 2s was not measured */
    identifiable: Verdict;
    /** true when the identifiability level was enumerated exactly (a certificate), false for an estimate */
    certified: boolean;
    coverage: Verdict;
    separation: Verdict;
    /** s̃ ≥ 32κ²s and α > 0 at the theorem level; 'unknown' when that level was not measured */
    theoremConditionsHold: Verdict;
  };
}

/** What a measurement says of a condition: it holds, it does not, or it was not measured. */
export type Verdict = 'yes' | 'no' | 'unknown';

const verdictOf = (measured: boolean, holds: boolean): Verdict => (!measured ? 'unknown' : holds ? 'yes' : 'no');

/** Whether every condition the report checks holds (the conditions command's exit 0). */
export const allHold = (r: ConditionsReport): boolean =>
  r.verdict.identifiable === 'yes' && r.verdict.coverage === 'yes' && r.verdict.separation === 'yes' && r.verdict.theoremConditionsHold === 'yes';

const ALPHA_FLOOR = 1e-10;

/** Largest support size whose Gram is formed (cost n·k² per support). */
const MAX_LEVEL = 256;
/** Largest number of live columns for which the full Gram is formed (for exact enumeration). */
const FULL_GRAM_MAX_COLS = 400;

/** α_k, β_k over supports of live columns: enumerated when there are few enough, else sampled; null above MAX_LEVEL. */
function levelEigs(
  A: Parameters<typeof fullGram>[0],
  full: () => Float64Array,
  k: number,
  cfg: ConditionsConfig,
  live: readonly number[],
): RestrictedEigs | null {
  const kk = Math.min(k, live.length);
  if (kk > MAX_LEVEL) return null;
  if (live.length <= FULL_GRAM_MAX_COLS && binomial(live.length, kk) <= cfg.enumerationLimit) return restrictedEigsExact(full(), A.cols, kk, live);
  return restrictedEigsSampled(A, kk, cfg.samples, cfg.seed, live);
}

export function measureConditions(cfg: ConditionsConfig): ConditionsReport {
  const shape = { d: cfg.d, m: cfg.m, k: 1, layers: 1, s: cfg.s, n: cfg.n, seed: cfg.seed, weights: cfg.weights, streams: cfg.streams };
  const inst = plant(cfg.sPrime > 0 ? { ...shape, sPrime: cfg.sPrime } : shape, false);
  const { A, wStar, blocks, generators } = plantedDictionary(inst, { ...cfg, kernel: 'streaming' });
  let cached: Float64Array | null = null;
  const full = () => (cached ??= fullGram(A));

  const pat = patternStats(A);
  const live = generators.map((g, j) => ({ g, j })).filter(({ g }) => g.some((v) => v !== 0));
  let minAngle = Math.PI;
  for (let a = 0; a < live.length; a++) for (let b = a + 1; b < live.length; b++) minAngle = Math.min(minAngle, angle(live[a]!.g, live[b]!.g));

  const S = Array.from(wStar.indices());
  let plantedSupport: ConditionsReport['plantedSupport'] = null;
  if (S.length > 0 && S.length <= MAX_LEVEL) {
    const ev = symmetricEigenvalues(expectedRestrictedGram(generators, cfg.d, S), S.length);
    plantedSupport = { ...restrictedEigsOnSupport(A, S), predictedAlpha: ev[0]!, predictedBeta: ev[S.length - 1]! };
  }
  const s = Math.max(1, S.length);
  const sTilde = cfg.sTilde > 0 ? cfg.sTilde : s;
  const liveCols = liveColumns(A);
  const ident = levelEigs(A, full, 2 * s, cfg, liveCols);
  const level = levelEigs(A, full, 2 * sTilde + s, cfg, liveCols);
  const theorem = level ? { ...level, sTilde } : null;
  const notMeasured =
    ident && theorem && plantedSupport
      ? null
      : `supports larger than ${MAX_LEVEL} columns are not measured (planted nnz ${S.length}, levels 2s = ${2 * s}, 2s̃ + s = ${2 * sTilde + s})`;
  const kappa = theorem === null ? null : theorem.alpha > ALPHA_FLOOR ? theorem.beta / theorem.alpha : Infinity;
  const sTildeRequired = kappa === null ? null : Number.isFinite(kappa) ? Math.ceil(32 * kappa * kappa * s) : Infinity;
  return {
    config: cfg,
    blocks,
    cols: A.cols,
    liveCols: liveCols.length,
    plantedNnz: S.length,
    coverage: { measured: pat.coverage, predicted: 0.5 },
    separation: { measured: pat.separation, predicted: live.length > 1 ? minAngle / Math.PI : 1, closestPair: pat.closestPair },
    plantedSupport,
    identifiability: ident,
    theorem,
    notMeasured,
    kappa,
    sTildeRequired,
    verdict: {
      identifiable: verdictOf(ident !== null, ident !== null && ident.alpha > ALPHA_FLOOR),
      certified: ident !== null && ident.method === 'exact',
      coverage: verdictOf(true, pat.coverage > 0),
      separation: verdictOf(true, pat.separation > 0),
      theoremConditionsHold: verdictOf(
        theorem !== null,
        theorem !== null && theorem.alpha > ALPHA_FLOOR && sTildeRequired !== null && sTilde >= sTildeRequired,
      ),
    },
  };
}
