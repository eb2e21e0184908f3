// A profile's claims from its result store: the figures whose every cell is stored are the evidence; the
// others make their claims inconclusive.
import { join } from 'node:path';
import type { ReproductionProfile } from '../config/names.js';
import { InputError } from '../config/input-error.js';
import { packagePath } from '../config/package-root.js';
import { FIGURES } from '../experiments/figures.js';
import { CODE_VERSION, type CellRecord } from '../run/record.js';
import type { ResultStore } from '../run/store.js';
import { expand } from '../run/sweep.js';
import { CLAIMS_SCHEMA_ID, type ClaimsFile } from './claims-file.js';
import { judgeClaims } from './claims.js';
import { figureEvidence, type FigureEvidence } from './evidence.js';

/** The records of each figure of the profile that is whole in the store. */
export function storedFigures(profile: ReproductionProfile, store: ResultStore): Map<string, CellRecord[]> {
  const out = new Map<string, CellRecord[]>();
  for (const fig of FIGURES) {
    const records: CellRecord[] = [];
    try {
      for (const c of expand(fig.sweep(profile))) {
        const r = store.get(c);
        if (!r) break;
        records.push(r);
      }
    } catch (e) {
      if (e instanceof InputError) continue;
      throw e;
    }
    if (records.length === expand(fig.sweep(profile)).length) out.set(fig.id, records);
  }
  return out;
}

function evidenceOf(profile: ReproductionProfile, byFigure: ReadonlyMap<string, readonly CellRecord[]>): FigureEvidence[] {
  return FIGURES.filter((f) => byFigure.has(f.id)).map((f) => figureEvidence(f, byFigure.get(f.id)!, f.sweep(profile).extra?.field));
}

export function claimsOf(profile: ReproductionProfile, byFigure: ReadonlyMap<string, readonly CellRecord[]>): ClaimsFile {
  const evidence = evidenceOf(profile, byFigure);
  return { schema: CLAIMS_SCHEMA_ID, profile, codeVersion: CODE_VERSION, figures: evidence.map((e) => e.fig.id), verdicts: judgeClaims(evidence) };
}

/** Where a profile's golden verdicts live. */
export const claimsGoldenPath = (dir: string, profile: string): string => join(dir || packagePath('golden'), `claims.${profile}.json`);
