// `reproduce.ts parity`: runs cells whose PSNR the authors' code printed (parity/reference.json) with the
// default reference streams, and prints ours beside theirs. Exit 1 when a cell disagrees, as a drift does.
import { readFileSync } from 'node:fs';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { ConfigError, flagHelp, parseFlags, validateConfig } from '../config/fields.js';
import { PARITY_FIELDS, type ParityConfig } from '../config/parity.js';
import { runCell } from '../run/run-cell.js';
import type { ResultStore } from '../run/store.js';
import { prepareCell } from '../tasks/registry.js';
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
  /** IMP cells: the reference's mask after each pruning round ('0'/'1' per weight, layer after layer) */
  masks?: string[];
}

export interface ParityResult {
  id: string;
  ours: number | null;
  reference: number;
  diff: number | null;
  agrees: boolean;
  supportRecovered: boolean | null;
  /** IMP cells with recorded masks: the first pruning round (1-based) whose mask differs from the reference's, 0 when none does */
  firstMaskDifference?: number;
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
    const masks = r.masks;
    if (masks !== undefined && (!Array.isArray(masks) || !masks.every((m) => typeof m === 'string' && /^[01]+$/.test(m))))
      throw new ConfigError('--table', `${where}: masks must be strings of 0 and 1, one per pruning round`);
    return {
      id: r.id,
      cell: validateConfig(CELL_FIELDS, r.cell, `${where}.cell`),
      psnr: r.psnr,
      source: r.source,
      ...(masks ? { masks: masks as string[] } : {}),
    };
  });
}

/** The first round (1-based) whose mask differs, a round missing on either side included; 0 when all agree. */
function firstDifference(ours: readonly string[], reference: readonly string[]): number {
  for (let r = 0; r < Math.max(ours.length, reference.length); r++) if (ours[r] !== reference[r]) return r + 1;
  return 0;
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
    const masks =
      r.firstMaskDifference === undefined
        ? '—'
        : r.firstMaskDifference === 0
          ? `equal at all ${rows[i]!.masks!.length} rounds`
          : `first differ at round ${r.firstMaskDifference}`;
    return [r.id, fmt(r.ours, digits), String(r.reference), fmtDiff(r.diff), r.agrees ? 'yes' : '**no**', support, masks, rows[i]!.source];
  });
  const ok = results.filter((r) => r.agrees).length;
  return [
    markdownTable(['cell', 'ours (dB)', 'reference (dB)', 'ours − reference', 'agrees', 'support recovered', 'IMP masks', 'source'], body),
    '',
    `${ok} of ${results.length} cells agree (within ${cfg.tolerance} dB, or both ≥ ${cfg.exactAbove} dB; IMP cells also need the reference's mask at every round).`,
  ].join('\n');
}

async function parityCommand(argv: readonly string[]): Promise<number> {
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
  // IMP cells need a TensorFlow.js backend, prepared once
  const hooks = rows.some((r) => r.cell.method === 'imp') ? await prepareCell(rows.find((r) => r.cell.method === 'imp')!.cell) : {};
  const results: ParityResult[] = rows.map((row, i) => {
    if (!quiet) {
      const eta = clock.etaSeconds();
      process.stderr.write(
        `[${i + 1}/${rows.length}] ${row.id} — ${duration(clock.elapsedSeconds())} elapsed${eta === null ? '' : `, about ${duration(eta)} to go`}\n`,
      );
    }
    const masks: string[] = [];
    const r = runCell(row.cell, undefined, { ...hooks, onImpEvent: (e) => e.kind === 'pruned' && masks.push(e.masks.map((m) => m.join('')).join('')) });
    clock.finished(costs[i]!);
    const ours = r.psnr;
    const firstMaskDifference = row.masks ? firstDifference(masks, row.masks) : undefined;
    return {
      id: row.id,
      ours,
      reference: row.psnr,
      diff: ours === null ? null : ours - row.psnr,
      agrees: agrees(ours, row.psnr, cfg) && !firstMaskDifference,
      supportRecovered: r.supportRecovered,
      ...(firstMaskDifference === undefined ? {} : { firstMaskDifference }),
      seconds: r.seconds,
    };
  });
  process.stdout.write((extras.has('json') ? JSON.stringify(results) : table(results, rows, cfg)) + '\n');
  return results.every((r) => r.agrees) ? 0 : 1;
}

/** The parity table's printed values alone (ours not computed: the smoke profile, and \`claims\`). */
export function parityReferenceRows(): Array<{ id: string; reference: number; ours: null }> {
  return readParityTable(packagePath('parity', 'reference.json')).map((r) => ({ id: r.id, reference: r.psnr, ours: null }));
}

/** The parity table's cells through a run's result store (computed once, then reused): ours beside the
 *  reference's printed PSNR, for the report. */
export async function parityThroughStore(store: ResultStore): Promise<Array<{ id: string; reference: number; ours: number | null }>> {
  const rows = readParityTable(packagePath('parity', 'reference.json'));
  const imp = rows.find((r) => r.cell.method === 'imp');
  const hooks = imp ? await prepareCell(imp.cell) : {};
  return rows.map((row) => {
    let rec = store.get(row.cell);
    if (!rec) {
      rec = runCell(row.cell, undefined, hooks);
      store.put(rec);
    }
    return { id: row.id, reference: row.psnr, ours: rec.psnr };
  });
}

export const command: Command = { usage: PARITY_USAGE, run: parityCommand };
