// The claims' tests can come out every way: on a made-up grid where IHT wins clearly they hold, on one where
// IMP wins (and IHT is never exact, its fit does not degrade with k, it stores more than s) each fails, and
// where IMP learned nothing they are inconclusive, not wins.
import { describe, expect, test } from 'vitest';
import { claimsOf } from '../src/claims/profile-claims.js';
import { claimsSchemaProblem } from '../src/claims/claims-file.js';
import type { CellConfig } from '../src/config/cell-config.js';
import { FIGURES } from '../src/experiments/figures.js';
import { expand } from '../src/run/sweep.js';
import { syntheticRecords, type Scores } from './support/synthetic-records.js';

const judge = (scores: Scores) => claimsOf('quick', new Map(FIGURES.map((f) => [f.id, syntheticRecords(expand(f.sweep('quick')), scores)])));

const accuracy = (c: CellConfig) => c.task === 'binary-mnist' || c.task === 'mnist';

/** IHT exact where the paper says so and flat in m; IMP learns, falls with m, and loses everywhere. */
const ihtWins: Scores = (c) => {
  if (c.task === 'planted' && c.scpEvery !== 1 && c.m === 10 && c.s === 500)
    return { psnr: c.scpEvery < 5 ? 160 : 40 - c.scpEvery / 10, convergenceStep: c.scpEvery * 10 };
  if (accuracy(c)) return { accuracy: c.method === 'imp' ? 0.7 : 0.9 };
  if (c.method === 'imp') return { psnr: 45 - c.m + (c.layers === 2 ? -5 : 0) };
  return { psnr: c.task === 'planted' && c.outDim === 1 ? 160 : 50 };
};

/** IMP wins everywhere; IHT never exact, flat-to-better with k, over its budget. */
const impWins: Scores = (c) => {
  if (accuracy(c)) return { accuracy: c.method === 'imp' ? 0.95 : 0.7 };
  if (c.method === 'imp') return { psnr: 35 };
  if (c.task === 'planted' && c.m === 10 && c.s === 500 && c.outDim === 1 && c.d === 100)
    return { psnr: 120 + c.scpEvery / 10, convergenceStep: 5, nnz: c.s + 1 };
  return { psnr: 20 + c.m, nnz: c.s + 1 };
};

describe('claims', () => {
  test('every claim holds on a grid where IHT wins as the paper says, and the file matches its schema', () => {
    const c = judge(ihtWins);
    expect(claimsSchemaProblem(c)).toBeNull();
    const notHolding = c.verdicts.filter((v) => v.verdict !== 'holds').map((v) => `${v.claim} [${v.protocol}]: ${v.verdict} ${v.statistic} ${v.reason ?? ''}`);
    // Fig. 2 says "comparable": a grid where IHT wins by 10 dB is not that
    expect(notHolding.filter((l) => !l.startsWith('fig2-'))).toEqual([]);
  });

  test('every claim fails on a grid where IMP wins', () => {
    const c = judge(impWins);
    const notFailing = c.verdicts.filter((v) => v.verdict !== 'fails').map((v) => `${v.claim} [${v.protocol}]: ${v.verdict} ${v.statistic} ${v.reason ?? ''}`);
    // "IMP's PSNR drops sharply": a flat IMP does not drop, so it fails too; Fig. 2's "comparable" fails only when far apart
    expect(notFailing.filter((l) => !l.startsWith('fig2-'))).toEqual([]);
  });

  test('a win over an IMP no better than the constant predictor is inconclusive, and says how many cells were trivial', () => {
    const c = judge((cfg) => (cfg.method === 'imp' ? (accuracy(cfg) ? { accuracy: 0.5 } : { psnr: 10.5 }) : {}));
    const robust = c.verdicts.find((v) => v.claim === 'fig1-planted-1layer/iht-more-robust' && v.protocol === 'reference')!;
    expect(robust.verdict).toBe('inconclusive');
    expect(robust.reason).toMatch(/^IMP is no better than the constant predictor in (\d+) of \1 cells$/);
    expect(robust.trivialCells).toBeGreaterThan(0);
  });

  test('a diverged IHT run loses its cell: never dropped from the comparison', () => {
    const c = judge((cfg) =>
      cfg.method === 'iht' && cfg.task === 'planted' && cfg.outDim === 1 && cfg.layers === 1
        ? { diverged: true, divergedAtStep: 3, divergedWhy: 'non-finite iterate', psnr: null }
        : {},
    );
    const robust = c.verdicts.find((v) => v.claim === 'fig1-planted-1layer/iht-more-robust' && v.protocol === 'fair')!;
    expect(robust.verdict).toBe('fails');
    expect(robust.statistic).toMatch(/^IHT ≥ IMP in 0 of/);
    expect(robust.divergedRuns).toBeGreaterThan(0);
  });

  test('a figure missing from the results makes its claims inconclusive, with the figure named', () => {
    const byFigure = new Map(FIGURES.filter((f) => f.id !== 'fig5-inr-image-2layers').map((f) => [f.id, syntheticRecords(expand(f.sweep('quick')))]));
    const v = claimsOf('quick', byFigure).verdicts.find((x) => x.claim === 'fig5/iht-beats-imp-everywhere')!;
    expect(v.verdict).toBe('inconclusive');
    expect(v.reason).toContain('fig5-inr-image-2layers');
  });
});
