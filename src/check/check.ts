// `check`: someone's results against golden files, at the golden comparison's per-field tolerances.
// Records are matched to golden cells by their runs' identities (configHashes: the fields that matter and the
// data, not the code version), aggregated as a reproduction run aggregates them, then compared; aggregates
// (golden-format files) are compared directly. Records that belong to no golden cell are counted, not judged.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPRODUCTION_PROFILES } from '../config/names.js';
import { InputError } from '../config/input-error.js';
import { packagePath } from '../config/package-root.js';
import { figureById } from '../experiments/figures.js';
import { aggregate, streamsFamily } from '../golden/aggregate.js';
import { compareGolden, readGolden, type Drift, type GoldenFile } from '../golden/golden.js';
import { cellIdentity, type CellRecord } from '../run/record.js';
import type { Results } from './results.js';

export interface GoldenSource {
  file: string;
  golden: GoldenFile;
}

export interface FigureCheck {
  figure: string;
  profile: string;
  goldenFile: string;
  /** what was compared: aggregated records, an aggregate file, or nothing (no results for this figure) */
  compared: 'records' | 'aggregate' | 'none';
  /** the golden file's cells, and how many runs of the results fed them */
  cellKeys: string[];
  runs: number;
  drifts: Drift[];
}

export interface CheckReport {
  figures: FigureCheck[];
  /** records of the results that belong to no golden cell */
  unmatchedRecords: number;
  /** true when every compared figure matches (figures with no results are not compared) */
  ok: boolean;
}

/** Golden files named by a profile (the package's golden/<figure>.<profile>.json), a file, or a folder (the
 *  golden verdicts, claims.<profile>.json, are not figures: `claims` compares them). */
export function readGoldens(spec: string): GoldenSource[] {
  const files = (REPRODUCTION_PROFILES as readonly string[]).includes(spec)
    ? readdirSync(packagePath('golden'))
        .filter((f) => f.endsWith(`.${spec}.json`) && !f.startsWith('claims.'))
        .map((f) => packagePath('golden', f))
    : statSync(spec, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(spec)
          .filter((f) => f.endsWith('.json') && !f.startsWith('claims.'))
          .map((f) => join(spec, f))
      : [spec];
  if (files.length === 0) throw new InputError(spec, `--golden ${spec}: no golden file there`);
  return files.sort().map((file) => ({ file, golden: readGolden(file) }));
}

/** The sweep axis beyond m and s of a figure (e.g. Tables 1–2's scp-every), which golden cell keys carry. */
function extraFieldOf(g: GoldenSource): string | undefined {
  if (g.golden.cells.every((c) => c.extra === null)) return undefined;
  try {
    return figureById(g.golden.figure).sweep(g.golden.profile).extra?.field;
  } catch {
    throw new InputError(g.file, `${g.file}: its cells have an extra axis, and figure '${g.golden.figure}' is not one this version knows`);
  }
}

function checkOne(g: GoldenSource, results: Results, used: Set<CellRecord>): FigureCheck {
  const base = { figure: g.golden.figure, profile: g.golden.profile, goldenFile: g.file, cellKeys: g.golden.cells.map((c) => c.key) };
  const aggregates = results.aggregates.filter((a) => a.golden.figure === g.golden.figure && a.golden.profile === g.golden.profile);
  if (aggregates.length > 1)
    throw new InputError(
      aggregates[1]!.file,
      `${aggregates[1]!.file}: a second aggregate of ${g.golden.figure} (${g.golden.profile}); ${aggregates[0]!.file} is the first`,
    );
  const agg = aggregates[0];
  if (agg) {
    if (agg.golden.metric !== g.golden.metric)
      throw new InputError(
        agg.file,
        `${agg.file}: says metric '${agg.golden.metric}', the golden file of ${g.golden.figure} says '${g.golden.metric}' (mislabelled results?)`,
      );
    const runs = agg.golden.cells.reduce((n, c) => n + c.seeds, 0);
    return {
      ...base,
      compared: 'aggregate',
      runs,
      drifts: compareGolden(agg.golden.cells, g.golden, { metric: g.golden.metric, streams: agg.golden.streams }),
    };
  }
  const identities = new Set(g.golden.cells.flatMap((c) => c.configHashes));
  const mine = results.records.map((r) => r.record).filter((r) => identities.has(cellIdentity(r)));
  if (mine.length === 0) return { ...base, compared: 'none', runs: 0, drifts: [] };
  mine.forEach((r) => used.add(r));
  const cells = aggregate(mine, g.golden.metric, extraFieldOf(g));
  return { ...base, compared: 'records', runs: mine.length, drifts: compareGolden(cells, g.golden, { metric: g.golden.metric, streams: streamsFamily(mine) }) };
}

export function checkResults(goldens: readonly GoldenSource[], results: Results): CheckReport {
  const used = new Set<CellRecord>();
  const figures = goldens.map((g) => checkOne(g, results, used));
  const known = new Set(goldens.map((g) => `${g.golden.figure}|${g.golden.profile}`));
  const stray = results.aggregates.find((a) => !known.has(`${a.golden.figure}|${a.golden.profile}`));
  if (stray)
    throw new InputError(
      stray.file,
      `${stray.file}: an aggregate of ${stray.golden.figure} (${stray.golden.profile}), which none of the golden files covers (mislabelled, or the wrong --golden?)`,
    );
  if (figures.every((f) => f.compared === 'none'))
    throw new InputError(
      '--results',
      `--results: none of its ${results.records.length} record(s) belongs to a cell of these golden files (computed with other flags or data, or the wrong --golden?)`,
    );
  return { figures, unmatchedRecords: results.records.length - used.size, ok: figures.every((f) => f.drifts.length === 0) };
}
