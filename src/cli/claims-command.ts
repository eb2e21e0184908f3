// `claims --profile P [--out DIR]`: the paper's claims judged on a finished profile run, one line each
// (verdict, statistic, threshold, cells), written to DIR/claims.json and compared with the golden verdicts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIMS_FIELDS } from '../config/claims.js';
import { ConfigError, flagHelp, parseFlags } from '../config/fields.js';
import { claimDrifts, readClaims, verdictLine, writeClaims } from '../claims/claims-file.js';
import { claimsGoldenPath, claimsOf, storedFigures } from '../claims/profile-claims.js';
import { writeReport } from '../report/write-report.js';
import { parityReferenceRows } from './parity-command.js';
import { ResultStore } from '../run/store.js';
import { CODE_VERSION } from '../run/record.js';
import { FIGURES } from '../experiments/figures.js';
import { PROGRAM, type Command } from './command.js';

const CLAIMS_USAGE = `usage: ${PROGRAM} claims --profile <smoke|quick|paper> [--out DIR] [--json]

Judges each of the paper's claims on the results of a finished profile run (its --out folder): one line per
claim, and per IMP protocol for claims about IMP, with its verdict (holds, fails or inconclusive), the
statistic it computed, the threshold it holds at and the cells behind it. A cell where IMP scores no better
than the constant predictor does not count as a win for IHT; diverged runs count as failures of their method.
Writes DIR/claims.json and DIR/report.html, and compares the verdicts with golden/claims.<profile>.json when it exists
(--update-golden rewrites that file instead).
Exit 0 when the verdicts match the golden ones (or there are none), 1 when a verdict changed, 2 on bad input.

${flagHelp(CLAIMS_FIELDS)}`;

function claimsCommand(argv: readonly string[]): number {
  const { config: cfg } = parseFlags(CLAIMS_FIELDS, argv);
  const out = cfg.out || join('out', cfg.profile);
  if (!existsSync(join(out, 'store')))
    throw new ConfigError('--out', `--out: ${out} holds no result store (run the profile first: reproduce --profile ${cfg.profile} --out ${out})`);
  const byFigure = storedFigures(cfg.profile, new ResultStore(join(out, 'store')));
  if (byFigure.size === 0 && readdirSync(join(out, 'store')).some((f) => f.endsWith('.json')))
    throw new ConfigError(
      '--out',
      `--out: ${out}/store holds no whole figure of profile ${cfg.profile} computed by this code version (${CODE_VERSION}); rerun the profile there`,
    );
  const claims = claimsOf(cfg.profile, byFigure);
  writeClaims(join(out, 'claims.json'), claims);
  const report = writeReport(out, cfg.profile, byFigure, claims.verdicts, parityReferenceRows());
  const golden = claimsGoldenPath(cfg.goldenDir, cfg.profile);
  if (cfg.updateGolden) {
    if (claims.figures.length !== FIGURES.length)
      throw new ConfigError('--update-golden', `--update-golden needs every figure of the profile; ${out} holds ${claims.figures.length} of ${FIGURES.length}`);
    writeClaims(golden, claims);
  }
  const drifts = existsSync(golden) && !cfg.updateGolden ? claimDrifts(claims.verdicts, readClaims(golden).verdicts) : [];
  if (cfg.json) process.stdout.write(JSON.stringify({ ...claims, drifts }) + '\n');
  else {
    const lines = claims.verdicts.map(verdictLine);
    const count = (v: string) => claims.verdicts.filter((x) => x.verdict === v).length;
    lines.push(
      `${claims.verdicts.length} verdicts from ${claims.figures.length} figure(s): ${count('holds')} hold, ${count('fails')} fail, ${count('inconclusive')} inconclusive; written to ${join(out, 'claims.json')}; report: ${report}`,
    );
    lines.push(
      existsSync(golden)
        ? drifts.length
          ? `verdicts changed from ${golden}:\n${drifts.join('\n')}`
          : `verdicts match ${golden}`
        : `no golden verdicts (${golden})`,
    );
    process.stdout.write(lines.join('\n') + '\n');
  }
  return drifts.length ? 1 : 0;
}

export const command: Command = { usage: CLAIMS_USAGE, run: claimsCommand };
