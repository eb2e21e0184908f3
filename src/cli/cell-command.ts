import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { FITTED } from '../cost/coefficients.js';
import { cellCostTerms, cellSeconds } from '../tasks/cost.js';
import { flagHelp, parseFlags } from '../config/fields.js';
import { GUARD_FIELDS, memoryLimitBytes } from '../config/guard.js';
import { admitCell } from '../tasks/admit.js';
import { prepareCell, trainingOf } from '../tasks/registry.js';
import { describeTraining } from '../config/training.js';
import { runCell } from '../run/run-cell.js';
import { stderrProgress } from '../run/progress.js';
import type { CellRecord } from '../run/record.js';
import { PROGRAM, type Command } from './command.js';

const CELL_USAGE = `usage: ${PROGRAM} cell [flags] [--json] [--quiet] [--estimate]

Runs one experiment cell and prints its record (--json: one JSON line on stdout); --estimate prints
the cost model's CPU-seconds for the cell instead, without running it.
Progress goes to stderr (--quiet silences it). A flag that does not apply to the chosen --task and
--method is an error naming it (it would change the record's hash without changing its result).

${flagHelp(CELL_FIELDS)}
${flagHelp(GUARD_FIELDS)}
  --json                   print the record as one JSON line
  --quiet                  no progress on stderr
  --estimate               print the cost model's CPU-seconds for this cell (and its terms); do not run it`;

/** The cost model's price of a cell: its seconds, and the terms they come from. */
function estimateText(cfg: CellConfig, json: boolean): string {
  const terms = cellCostTerms(cfg);
  const seconds = cellSeconds(cfg);
  if (json) return JSON.stringify({ estimatedCpuSeconds: seconds, terms, coefficients: { fitted: FITTED.fitted, cells: FITTED.cells } });
  const parts = Object.entries(terms)
    .filter(([, v]) => v > 0)
    .map(([t, v]) => `${t} ${v.toExponential(3)}`);
  return `estimate: ${seconds.toFixed(1)} CPU-s for ${cfg.task}/${cfg.method} (cost model fitted ${FITTED.fitted} on ${FITTED.cells} timed cells; terms: ${parts.join(', ')})`;
}

function summary(r: CellRecord): string {
  const c = r.config;
  const lines = [
    `cell ${c.task}/${c.method} m=${c.m} s=${c.s} d=${c.d} n=${c.n} L=${c.layers} k=${c.outDim} training=${describeTraining(trainingOf(c)).replaceAll(' ', '-')} batch=${c.batch} scp-every=${c.scpEvery} seed=${c.seed} streams=${c.streams}${c.convex ? ' convex' : ''}`,
  ];
  if (r.skipped) return [...lines, `skipped: ${r.skipReason}`].join('\n');
  if (r.dataSource) lines.push(`data: ${r.dataSource}`);
  if (r.accuracy !== null) lines.push(`accuracy ${(100 * r.accuracy).toFixed(2)} %   nnz ${r.nnz}`);
  else lines.push(`PSNR ${r.psnr === null ? '∞ (MSE = 0)' : r.psnr.toFixed(2) + ' dB'}   MSE ${r.mse?.toExponential(3)}   nnz ${r.nnz}`);
  if (r.relErr !== null) {
    lines.push(
      `support recovered: ${r.supportRecovered ? 'yes' : 'no'}   values within ${r.valueTol.toExponential(0)}: ${r.valuesRecovered ? 'yes' : 'no'}   relative error ${r.relErr.toExponential(3)}`,
    );
  }
  if (r.convergenceStep !== null) lines.push(`convergence ${r.convergenceUnit} ${r.convergenceStep} (first from which support and gates stay fixed)`);
  if (r.rounds !== null)
    lines.push(`IMP: ${r.rounds} rounds on ${r.backend}; parameters ${r.paramBytes} B (with θ₀ and masks), Adam ${r.optimizerBytes} B, data ${r.dataBytes} B`);
  else if (r.paramBytes !== null) lines.push(`stored weights ${r.paramBytes} B, data ${r.dataBytes} B`);
  if (r.theory)
    lines.push(
      `theory: β = ${r.theory.beta.toExponential(4)}${r.theory.betaEstimated ? ' (power-iteration estimate)' : ''}, η = ${r.theory.eta.toExponential(4)}, s̃ = ${r.theory.sTilde}, steps ${r.theory.steps}, converged ${r.theory.converged}`,
    );
  lines.push(`${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
  return lines.join('\n');
}

async function cellCommand(argv: readonly string[]): Promise<number> {
  const { config, extras, given } = parseFlags({ ...CELL_FIELDS, ...GUARD_FIELDS }, argv, ['json', 'quiet', 'estimate']);
  const { memoryLimitGb, ...cfg } = config;
  given.delete('memoryLimitGb');
  admitCell(cfg, { given, memoryLimit: memoryLimitBytes({ memoryLimitGb }) });
  if (extras.has('estimate')) {
    process.stdout.write(estimateText(cfg, extras.has('json')) + '\n');
    return 0;
  }
  const prepared = await prepareCell(cfg);
  const progress = stderrProgress(`${cfg.task}/${cfg.method} seed ${cfg.seed}`, !extras.has('quiet'));
  const record = runCell(cfg, progress, prepared);
  process.stdout.write((extras.has('json') ? JSON.stringify(record) : summary(record)) + '\n');
  return 0;
}

export const command: Command = { usage: CELL_USAGE, run: cellCommand };
