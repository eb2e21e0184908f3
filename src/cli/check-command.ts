// `check --golden G --results R`: someone's results against golden files; a drift table per figure, or JSON;
// optionally JUnit XML. Exit 0 all match, 1 drift, 2 bad input (unreadable, schema-invalid or mislabelled).
import { checkResults, readGoldens, type CheckReport } from '../check/check.js';
import { toJUnit } from '../check/junit.js';
import { readResults } from '../check/results.js';
import { CHECK_FIELDS } from '../config/check.js';
import { ConfigError, flagHelp, parseFlags } from '../config/fields.js';
import { driftTable } from '../golden/golden.js';
import { writeFileAtomic } from '../run/atomic.js';
import { PROGRAM, type Command } from './command.js';

const CHECK_USAGE = `usage: ${PROGRAM} check --golden <profile|file|folder> --results <folder|file> [--json] [--junit FILE]

Compares results with golden files at their per-field tolerances (IHT: 1e-6 relative; IMP, trained in float32:
1 dB of PSNR, 0.02 of accuracy; counts, skip reasons and run identities exactly). Records are matched to golden
cells by their runs' identities (the flags that matter and the data, not the code version) and aggregated over
seeds as a reproduction does; aggregates in the golden format are compared as they are. A figure the results
do not cover is reported, not judged. Exit 0 when every compared figure matches, 1 on drift, 2 on bad input
(unreadable, schema-invalid or mislabelled results, named in one line).

${flagHelp(CHECK_FIELDS)}`;

function text(report: CheckReport): string {
  const lines = report.figures.map((f) =>
    f.compared === 'none'
      ? `${f.figure} (${f.profile}): no results for this figure; not compared`
      : `${driftTable(`${f.figure} (${f.profile}, ${f.runs} runs)`, f.drifts)}`,
  );
  const compared = report.figures.filter((f) => f.compared !== 'none');
  const drifted = compared.filter((f) => f.drifts.length > 0);
  lines.push(
    `${compared.length - drifted.length} of ${compared.length} compared figure(s) match their golden files` +
      (report.unmatchedRecords ? `; ${report.unmatchedRecords} record(s) belong to no golden cell` : ''),
  );
  return lines.join('\n');
}

function checkCommand(argv: readonly string[]): number {
  const { config: cfg } = parseFlags(CHECK_FIELDS, argv);
  if (!cfg.golden) throw new ConfigError('--golden', 'check needs --golden <profile|file|folder>');
  if (!cfg.results) throw new ConfigError('--results', 'check needs --results <folder|file>');
  const report = checkResults(readGoldens(cfg.golden), readResults(cfg.results));
  if (cfg.junit) writeFileAtomic(cfg.junit, toJUnit(report));
  process.stdout.write((cfg.json ? JSON.stringify(report) : text(report)) + '\n');
  return report.ok ? 0 : 1;
}

export const command: Command = { usage: CHECK_USAGE, run: checkCommand };
