// `core`: the core acceptance cells, from the Gaussian sanity check to the paper's Table 1 cell, each printed
// as it finishes, then a Markdown table and a JSON file with every record (out/core.json).
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { CORE_FIELDS } from '../config/core.js';
import { defaults, flagHelp, parseFlags } from '../config/fields.js';
import { writeFileAtomic } from '../run/atomic.js';
import { runCell } from '../run/run-cell.js';
import { stderrProgress } from '../run/progress.js';
import type { CellRecord } from '../run/record.js';
import { dirname, resolve } from 'node:path';
import { ensureWritableDir } from '../run/output-dir.js';
import { markdownTable } from '../text/markdown-table.js';
import { PROGRAM, type Command } from './command.js';

interface JobCell {
  label: string;
  over: Partial<CellConfig>;
}

export const DEFAULT_JOB: readonly JobCell[] = [
  { label: 'Gaussian sanity N=1000, s=10, M=200, 15 steps', over: { task: 'gaussian', m: 1000, n: 200, s: 10, epochs: 15, innerSteps: 3 } },
  { label: 'planted d=10, m=2, s=10, n=2000, 30 steps (AIHT)', over: { d: 10, m: 2, s: 10, n: 2000, epochs: 30 } },
  { label: 'planted m=5, s=5, d=100, n=50000, 15 steps (AIHT)', over: { m: 5, s: 5, epochs: 15 } },
  {
    label: 'theorem form m=4, s=8, s̃=16, d=10, n=2000',
    over: { method: 'iht-theory', m: 4, s: 8, sTilde: 16, d: 10, n: 2000, labels: 'float64', extraGenerators: 4, epochs: 5000 },
  },
  { label: 'Table 1 cell m=10, s=500, d=100, n=50000, 100 steps, k=1 (AIHT)', over: { m: 10, s: 500, epochs: 100, seed: 1 } },
];

const fmt = (v: number | null, digits = 2) => (v === null ? '—' : Number.isFinite(v) ? v.toFixed(digits) : String(v));

const HEADER = ['cell', 'seed', 'PSNR (dB)', 'rel. error', 'support', 'conv. step', 'CPU s'];

function row(label: string, r: CellRecord): string[] {
  if (r.skipped) return [label, String(r.config.seed), `skipped: ${r.skipReason}`, '', '', '', ''];
  const psnr = r.psnr === null ? '∞' : fmt(r.psnr, 1);
  const support = r.supportRecovered === null ? '—' : r.supportRecovered ? 'yes' : 'no';
  return [
    label,
    String(r.config.seed),
    psnr,
    r.relErr === null ? '—' : r.relErr.toExponential(2),
    support,
    String(r.convergenceStep ?? '—'),
    fmt(r.cpuSeconds, 1),
  ];
}

const CORE_USAGE = `usage: ${PROGRAM} core [flags]

Runs the core acceptance cells one after another: ${DEFAULT_JOB.map((c) => c.label).join('; ')}.
Each is printed as it finishes; then a Markdown table, and every record in one JSON file.

${flagHelp(CORE_FIELDS)}`;

function coreCommand(argv: readonly string[]): number {
  const { config } = parseFlags(CORE_FIELDS, argv);
  const { out, quiet } = config;
  ensureWritableDir(dirname(resolve(out)), '--out');
  const rows: string[][] = [];
  const records: CellRecord[] = [];
  DEFAULT_JOB.forEach((c, i) => {
    const cfg: CellConfig = { ...defaults(CELL_FIELDS), ...c.over };
    process.stderr.write(`[${i + 1}/${DEFAULT_JOB.length}] ${c.label}\n`);
    const r = runCell(cfg, stderrProgress(`  ${cfg.task}/${cfg.method}`, !quiet));
    records.push(r);
    rows.push(row(c.label, r));
    process.stderr.write(`${rows[rows.length - 1]!.join(' · ')}\n`);
  });
  writeFileAtomic(out, JSON.stringify(records, null, 2) + '\n');
  process.stdout.write(markdownTable(HEADER, rows) + `\n\nrecords written to ${out}\n`);
  return 0;
}

export const command: Command = { usage: CORE_USAGE, run: coreCommand };
