// Writes a profile run's report.html (the main job after its figures, `claims` after judging).
import { join } from 'node:path';
import type { Verdict } from '../claims/claims.js';
import type { ReproductionProfile } from '../config/names.js';
import { FIGURES } from '../experiments/figures.js';
import { writeFileAtomic } from '../run/atomic.js';
import type { CellRecord } from '../run/record.js';
import { reportHtml } from './report-html.js';

/** Writes out/report.html and returns its path; `parity`: the reference's printed values, and ours where computed. */
export function writeReport(
  out: string,
  profile: ReproductionProfile,
  byFigure: ReadonlyMap<string, readonly CellRecord[]>,
  verdicts: readonly Verdict[],
  parity: Array<{ id: string; reference: number; ours: number | null }>,
): string {
  const file = join(out, 'report.html');
  writeFileAtomic(
    file,
    reportHtml({
      profile,
      figures: FIGURES.filter((f) => byFigure.has(f.id)).map((fig) => ({ fig, records: byFigure.get(fig.id)!, extraField: fig.sweep(profile).extra?.field })),
      verdicts,
      parity,
    }),
  );
  return file;
}
