// `reproduce.ts core`: the core acceptance cells, from the Gaussian sanity check to the paper's Table 1
// cell, each printed as it finishes, then a Markdown table and a JSON file with every record (out/core.json).
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { ConfigError, defaults } from '../config/fields.js';
import { writeFileAtomic } from '../run/atomic.js';
import { runCell } from '../run/run-cell.js';
import { stderrProgress } from '../run/progress.js';
import type { CellRecord } from '../run/record.js';

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

function row(label: string, r: CellRecord): string {
  if (r.skipped) return `| ${label} | ${r.config.seed} | skipped: ${r.skipReason} | | | | |`;
  const psnr = r.psnr === null ? '∞' : fmt(r.psnr, 1);
  const support = r.supportRecovered === null ? '—' : r.supportRecovered ? 'yes' : 'no';
  return `| ${label} | ${r.config.seed} | ${psnr} | ${r.relErr === null ? '—' : r.relErr.toExponential(2)} | ${support} | ${r.convergenceStep ?? '—'} | ${fmt(r.cpuSeconds, 1)} |`;
}

export function coreCommand(argv: readonly string[]): number {
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 ? argv[outIdx + 1] : 'out/core.json';
  if (out === undefined || argv.some((a, i) => a.startsWith('--') && a !== '--out' && a !== '--quiet' && argv[i - 1] !== '--out')) {
    throw new ConfigError(argv.join(' '), `reproduce.ts core takes only --out <file> and --quiet; got ${argv.join(' ')}`);
  }
  const quiet = argv.includes('--quiet');
  const lines = ['| cell | seed | PSNR (dB) | rel. error | support | conv. step | CPU s |', '|---|---|---|---|---|---|---|'];
  const records: CellRecord[] = [];
  DEFAULT_JOB.forEach((c, i) => {
    const cfg: CellConfig = { ...defaults(CELL_FIELDS), ...c.over };
    process.stderr.write(`[${i + 1}/${DEFAULT_JOB.length}] ${c.label}\n`);
    const r = runCell(cfg, stderrProgress(`  ${cfg.task}/${cfg.method}`, !quiet));
    records.push(r);
    lines.push(row(c.label, r));
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  });
  writeFileAtomic(out, JSON.stringify(records, null, 2) + '\n');
  process.stdout.write(lines.join('\n') + `\n\nrecords written to ${out}\n`);
  return 0;
}
