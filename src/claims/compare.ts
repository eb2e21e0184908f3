// IHT against IMP cell by cell. A cell where either method had a diverged run counts against that method
// (a failure, never dropped); a cell where most IMP runs are no better than the trivial predictor is a
// trivial cell: a win there says nothing about IHT against an IMP that learned.
import { cellName, type FigureEvidence, type GridCell, type RunSet } from './evidence.js';

export type ImpLabel = 'imp' | 'imp-fair';

export interface PairedCell {
  cell: GridCell;
  iht: RunSet;
  imp: RunSet;
  /** IHT − IMP of the means (±∞ when one side has no score) */
  diff: number;
  trivial: boolean;
}

const majority = (r: RunSet, n: number) => n > r.runs.length / 2;

/** The cells that hold both methods, with IHT − IMP (a diverged run makes its method lose the cell). */
export function paired(fe: FigureEvidence, imp: ImpLabel): PairedCell[] {
  const out: PairedCell[] = [];
  for (const cell of fe.cells) {
    const a = cell.by.get('iht');
    const b = cell.by.get(imp);
    if (!a || !b) continue;
    let diff: number;
    if (a.diverged > 0 || a.mean === null) diff = b.diverged > 0 || b.mean === null ? 0 : -Infinity;
    else if (b.diverged > 0 || b.mean === null) diff = Infinity;
    else diff = a.mean === b.mean ? 0 : a.mean - b.mean;
    out.push({ cell, iht: a, imp: b, diff, trivial: majority(b, b.trivial) });
  }
  return out;
}

export interface Tally {
  cells: number;
  trivial: number;
  divergedIht: number;
  divergedImp: number;
}

export function tally(p: readonly PairedCell[]): Tally {
  return {
    cells: p.length,
    trivial: p.filter((c) => c.trivial).length,
    divergedIht: p.reduce((a, c) => a + c.iht.diverged, 0),
    divergedImp: p.reduce((a, c) => a + c.imp.diverged, 0),
  };
}

/** Too few cells where IMP learned to judge a comparison: at least 3, and at least half of the cells. */
export function tooTrivial(t: Tally): string | null {
  const live = t.cells - t.trivial;
  if (t.cells === 0) return 'no cell holds both methods';
  if (live < 3 || live < t.cells / 2) return `IMP is no better than the constant predictor in ${t.trivial} of ${t.cells} cells`;
  return null;
}

export const names = (cells: readonly PairedCell[], axis = 's'): string => cells.map((c) => cellName(c.cell, axis)).join(', ');
