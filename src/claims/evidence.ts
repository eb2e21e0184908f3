// The evidence a claim reads: per figure, its grid of cells (m × s, or m × the extra axis), and per cell and
// method label (iht, imp, imp-fair) the runs with their mean, diverged and trivial counts.
import type { MetricName } from '../config/names.js';
import type { FigureDef } from '../experiments/figures.js';
import { methodLabel } from '../golden/aggregate.js';
import type { CellRecord } from '../run/record.js';
import { isTrivial } from './trivial.js';

/** PSNR at or above this is exact recovery (float64 precision, ≈ 160 dB; 50 dB is the paper's colour cap) */
export const EXACT_DB = 150;

export interface RunSet {
  runs: CellRecord[];
  /** mean of the metric over runs with a score (+∞ for an exact fit; diverged runs have none: they count as failures) */
  mean: number | null;
  diverged: number;
  /** runs no better than the trivial predictor */
  trivial: number;
  /** runs at or above EXACT_DB (PSNR figures) */
  exact: number;
}

export interface GridCell {
  m: number;
  /** s, or the value of the extra axis */
  col: number;
  s: number;
  by: Map<string, RunSet>;
}

export interface FigureEvidence {
  fig: FigureDef;
  metric: MetricName;
  cells: GridCell[];
}

/** A run's score: an exact fit has no finite PSNR (its record holds null) and counts as +∞; skipped or diverged: none. */
function scoreOf(metric: MetricName, r: CellRecord): number | null {
  if (r.skipped || r.diverged) return null;
  return r[metric] ?? (metric === 'psnr' ? Infinity : null);
}

function runSet(metric: MetricName, runs: CellRecord[]): RunSet {
  const values = runs.map((r) => scoreOf(metric, r)).filter((v): v is number => v !== null);
  return {
    runs,
    mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    diverged: runs.filter((r) => r.diverged).length,
    trivial: runs.filter((r) => isTrivial(metric, r)).length,
    exact: runs.filter((r) => metric === 'psnr' && (scoreOf(metric, r) ?? -Infinity) >= EXACT_DB).length,
  };
}

export function figureEvidence(fig: FigureDef, records: readonly CellRecord[], extraField?: string | undefined): FigureEvidence {
  const groups = new Map<string, { m: number; col: number; s: number; label: string; runs: CellRecord[] }>();
  for (const r of records) {
    if (r.skipped) continue;
    const col = extraField ? Number((r.config as unknown as Record<string, unknown>)[extraField]) : r.config.s;
    const label = methodLabel(r.config);
    const key = `${r.config.m}|${col}|${label}`;
    const g = groups.get(key) ?? { m: r.config.m, col, s: r.config.s, label, runs: [] };
    g.runs.push(r);
    groups.set(key, g);
  }
  const cells = new Map<string, GridCell>();
  for (const g of groups.values()) {
    const key = `${g.m}|${g.col}`;
    const cell = cells.get(key) ?? { m: g.m, col: g.col, s: g.s, by: new Map<string, RunSet>() };
    cell.by.set(g.label, runSet(fig.metric, g.runs));
    cells.set(key, cell);
  }
  return { fig, metric: fig.metric, cells: [...cells.values()].sort((a, b) => a.m - b.m || a.col - b.col) };
}

/** "m=2 s=5" */
export const cellName = (c: GridCell, axis = 's'): string => `m=${c.m} ${axis}=${c.col}`;
