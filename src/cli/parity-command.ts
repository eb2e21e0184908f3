// `reproduce.ts parity`: runs cells whose PSNR the authors' code printed (parity/reference.json) with the
// default reference streams, and prints ours beside theirs. Exit 1 when a cell disagrees, as a drift does.
import { readFileSync } from 'node:fs';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { ConfigError, flagHelp, parseFlags, validateConfig } from '../config/fields.js';
import { PARITY_FIELDS, type ParityConfig } from '../config/parity.js';
import { runCell } from '../run/run-cell.js';
import { cellSeconds } from '../tasks/cost.js';
import { duration, RunClock } from '../run/eta.js';
import { packagePath } from '../config/package-root.js';
import { markdownTable } from '../text/markdown-table.js';
import { PROGRAM, type Command } from './command.js';

const PARITY_USAGE = `usage: ${PROGRAM} parity [flags] [--json] [--quiet]

Runs the cells of a table of the reference's printed values (default parity/reference.json) and prints
ours beside theirs; exit code 1 if any cell disagrees. Progress (with an ETA) goes to stderr.

${flagHelp(PARITY_FIELDS)}
  --json                   print the results as one JSON line
  --quiet                  no progress on stderr`;

export interface ParityRow {
  id: string;
  cell: CellConfig;
  psnr: number;
  source: string;
}

export interface ParityResult {
  id: string;
  ours: number | null;
  reference: number;
  diff: number | null;
  agrees: boolean;
  supportRecovered: boolean | null;
  seconds: number;
}

/** Read and check the table; a bad file is an error naming it and the row. */
export function readParityTable(file: string): ParityRow[] {
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError('--table', `--table ${file}: ${(e as Error).message}`);
  }
  const rows = (obj as { rows?: unknown }).rows;
  if (!Array.isArray(rows) || rows.length === 0) throw new ConfigError('--table', `--table ${file}: needs a non-empty "rows" array`);
  return rows.map((r: Record<string, unknown>, i) => {
    const where = `${file} rows[${i}]`;
    if (typeof r.id !== 'string' || typeof r.psnr !== 'number' || typeof r.source !== 'string')
      throw new ConfigError('--table', `${where}: needs id (text), psnr (number) and source (text)`);
    return { id: r.id, cell: validateConfig(CELL_FIELDS, r.cell, `${where}.cell`), psnr: r.psnr, source: r.source };
  });
}

export function agrees(ours: number | null, reference: number, cfg: ParityConfig): boolean {
  if (ours === null) return false;
  return Math.abs(ours - reference) <= cfg.tolerance || (ours >= cfg.exactAbove && reference >= cfg.exactAbove);
}

function table(results: ParityResult[], rows: ParityRow[], cfg: ParityConfig): string {
  const fmt = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));
  const fmtDiff = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(1));
  const body = results.map((r, i) => {
    const digits = Math.max(4, (String(r.reference).split('.')[1] ?? '').length);
    const support = r.supportRecovered === null ? '—' : r.supportRecovered ? 'yes' : 'no';
    return [r.id, fmt(r.ours, digits), String(r.reference), fmtDiff(r.diff), r.agrees ? 'yes' : '**no**', support, rows[i]!.source];
  });
  const ok = results.filter((r) => r.agrees).length;
  return [
    markdownTable(['cell', 'ours (dB)', 'reference (dB)', 'ours − reference', 'agrees', 'support recovered', 'source'], body),
    '',
    `${ok} of ${results.length} cells agree (within ${cfg.tolerance} dB, or both ≥ ${cfg.exactAbove} dB).`,
  ].join('\n');
}

function parityCommand(argv: readonly string[]): number {
  const { config: cfg, extras } = parseFlags(PARITY_FIELDS, argv, ['json', 'quiet']);
  const file = cfg.table || packagePath('parity', 'reference.json');
  const rows = readParityTable(file).filter((r) => r.id.includes(cfg.only));
  if (rows.length === 0) throw new ConfigError('--only', `--only '${cfg.only}' matches no row of ${file}`);
  const quiet = extras.has('quiet');
  const costs = rows.map((r) => cellSeconds(r.cell));
  const clock = new RunClock(
    costs.reduce((a, b) => a + b, 0),
    1,
  );
  const results: ParityResult[] = rows.map((row, i) => {
    if (!quiet) {
      const eta = clock.etaSeconds();
      process.stderr.write(
        `[${i + 1}/${rows.length}] ${row.id} — ${duration(clock.elapsedSeconds())} elapsed${eta === null ? '' : `, about ${duration(eta)} to go`}\n`,
      );
    }
    const r = runCell(row.cell);
    clock.finished(costs[i]!);
    const ours = r.psnr;
    return {
      id: row.id,
      ours,
      reference: row.psnr,
      diff: ours === null ? null : ours - row.psnr,
      agrees: agrees(ours, row.psnr, cfg),
      supportRecovered: r.supportRecovered,
      seconds: r.seconds,
    };
  });
  process.stdout.write((extras.has('json') ? JSON.stringify(results) : table(results, rows, cfg)) + '\n');
  return results.every((r) => r.agrees) ? 0 : 1;
}

export const command: Command = { usage: PARITY_USAGE, run: parityCommand };
