// claims.json: a profile's verdicts, schema-validated, written beside its goldens so that a changed verdict
// shows up as drift (only the verdicts are compared: statistics move within tolerances the figures check).
import { readFileSync } from 'node:fs';
import { schemaChecker } from '../config/schema-check.js';
import type { ReproductionProfile } from '../config/names.js';
import { GoldenError } from '../golden/golden.js';
import { writeFileAtomic } from '../run/atomic.js';
import type { Verdict } from './claims.js';

export const CLAIMS_SCHEMA_ID = 'sparse-recovery-lab/claims@1' as const;

export interface ClaimsFile {
  schema: typeof CLAIMS_SCHEMA_ID;
  profile: ReproductionProfile;
  codeVersion: string;
  /** the figures whose results the verdicts read */
  figures: string[];
  verdicts: Verdict[];
}

const str = { type: 'string' };
export const CLAIMS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: "sparse-recovery-lab verdicts on the paper's claims",
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'profile', 'codeVersion', 'figures', 'verdicts'],
  properties: {
    schema: { const: CLAIMS_SCHEMA_ID },
    profile: { enum: ['smoke', 'quick', 'paper'] },
    codeVersion: str,
    figures: { type: 'array', items: str },
    verdicts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['claim', 'protocol', 'statement', 'verdict', 'statistic', 'threshold', 'cells', 'reason', 'trivialCells', 'divergedRuns'],
        properties: {
          claim: { ...str, description: 'figure/claim' },
          protocol: { enum: ['reference', 'fair', null], description: 'IMP protocol it was judged under; null for claims about IHT alone' },
          statement: { ...str, description: 'what the paper says' },
          verdict: { enum: ['holds', 'fails', 'inconclusive'] },
          statistic: { ...str, description: 'what was computed' },
          threshold: { ...str, description: 'where the claim holds' },
          cells: { ...str, description: 'the cells behind it' },
          reason: { type: ['string', 'null'], description: 'why inconclusive' },
          trivialCells: { type: 'integer', minimum: 0, description: 'cells where IMP is no better than the constant predictor' },
          divergedRuns: { type: 'integer', minimum: 0, description: 'runs that diverged (failures of their method)' },
        },
      },
    },
  },
};

/** Why `obj` is not a claims file (the first few schema errors), or null when it is one. */
export const claimsSchemaProblem = schemaChecker(CLAIMS_SCHEMA);

export function writeClaims(file: string, c: ClaimsFile): void {
  const problem = claimsSchemaProblem(c);
  if (problem) throw new Error(`claims for ${file} do not match their schema: ${problem}`);
  writeFileAtomic(file, JSON.stringify(c, null, 2) + '\n');
}

/** A claims file, validated (GoldenError naming the file otherwise). */
export function readClaims(file: string): ClaimsFile {
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new GoldenError(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not JSON');
  }
  const problem = claimsSchemaProblem(obj);
  if (problem) throw new GoldenError(file, `does not match schemas/claims.schema.json: ${problem}`);
  return obj as ClaimsFile;
}

/** Verdicts that differ from the golden ones (claim and protocol matched), and claims on one side only. */
export function claimDrifts(got: readonly Verdict[], want: readonly Verdict[]): string[] {
  const key = (v: Verdict) => `${v.claim} [${v.protocol ?? 'IHT'}]`;
  const w = new Map(want.map((v) => [key(v), v]));
  const out: string[] = [];
  for (const g of got) {
    const x = w.get(key(g));
    if (!x) out.push(`${key(g)}: new claim (${g.verdict})`);
    else if (x.verdict !== g.verdict) out.push(`${key(g)}: ${g.verdict}, golden ${x.verdict}`);
    w.delete(key(g));
  }
  for (const k of w.keys()) out.push(`${k}: in the golden verdicts, not judged now`);
  return out;
}

/** One line per verdict. */
export function verdictLine(v: Verdict): string {
  const proto = v.protocol === null ? '' : ` [IMP ${v.protocol}]`;
  const counts = `trivial IMP cells ${v.trivialCells}, diverged runs ${v.divergedRuns}`;
  const body = v.verdict === 'inconclusive' ? `${v.reason}` : `${v.statistic}; threshold: ${v.threshold}; cells: ${v.cells}`;
  return `${v.verdict.padEnd(12)} ${v.claim}${proto}: ${body} (${counts})`;
}
