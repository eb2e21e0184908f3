// Writes a profile run's report.html (the main job after its figures, `claims` after judging).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../claims/claims.js';
import type { ReproductionProfile } from '../config/names.js';
import { packagePath } from '../config/package-root.js';
import { FIGURES } from '../experiments/figures.js';
import { writeFileAtomic } from '../run/atomic.js';
import type { CellRecord } from '../run/record.js';
import { reportHtml } from './report-html.js';

/** The authors' printed PSNRs of the parity table (parity/reference.json). */
function parityRows(): Array<{ id: string; reference: number; ours: null }> {
  const file = packagePath('parity/reference.json');
  if (!existsSync(file)) return [];
  const rows = (JSON.parse(readFileSync(file, 'utf8')) as { rows: Array<{ id: string; psnr?: number }> }).rows;
  return rows.filter((r) => typeof r.psnr === 'number').map((r) => ({ id: r.id, reference: r.psnr!, ours: null }));
}

/** Writes out/report.html and returns its path; `parity`: ours beside the reference's values (default: theirs only). */
export function writeReport(
  out: string,
  profile: ReproductionProfile,
  byFigure: ReadonlyMap<string, readonly CellRecord[]>,
  verdicts: readonly Verdict[],
  parity: Array<{ id: string; reference: number; ours: number | null }> = parityRows(),
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
