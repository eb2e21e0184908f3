// Fits the cost model (src/cost) to timed runs: runs each bench cell in its own process, reads its
// CPU-seconds, fits one coefficient per cost term (non-negative least squares on relative error, per
// method family), prints measured against modelled for every cell (the fit must stay within 2×), writes
// the coefficients to src/cost/coefficients.ts and prints the paper profile's estimate per figure under
// the previous coefficients and the refitted ones.
//   npx tsx bench/cost-fit.ts [--reuse]   (--reuse: fit the measurements of the last run, out/bench/cost-cells.json)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { parseFlags } from '../src/config/fields.js';
import { FITTED } from '../src/cost/coefficients.js';
import { secondsOf, type Coefficients } from '../src/cost/model.js';
import { COST_TERMS, type CostTerm, type CostTerms } from '../src/cost/terms.js';
import { FIGURES } from '../src/experiments/figures.js';
import { writeFileAtomic } from '../src/run/atomic.js';
import { expand } from '../src/run/sweep.js';
import { cellCostTerms } from '../src/tasks/cost.js';
import { pathJobs } from '../src/tasks/paths.js';
import { fitNonNegative } from './nnls.js';

const OUT = 'out/bench';
const CELLS_FILE = `${OUT}/cost-cells.json`;
const COEFFICIENTS_FILE = 'src/cost/coefficients.ts';

/** The timed cells: both IHT forms and both IMP kernels over a spread of N, density, batch and epochs. */
const BENCH_CELLS: string[][] = [
  // IHT
  '--task planted --method iht --m 10 --s 500 --d 100 --n 50000 --epochs 100 --scp-every 1 --seed 1',
  '--task planted --method iht --m 100 --s 100 --n 50000 --epochs 15',
  '--task planted --method iht --m 20 --s 200 --n 20000 --epochs 10 --out-dim 10',
  '--task planted --method iht --m 20 --s 200 --n 20000 --epochs 10 --layers 2',
  '--task planted --method iht --m 50 --s 50 --n 20000 --epochs 5 --batch 2000',
  '--task binary-mnist --method iht --m 100 --s 100 --epochs 15 --batch 1000',
  '--task inr-mnist --method iht --m 50 --s 200 --epochs 30',
  '--task planted --method iht-theory --m 10 --s 50 --n 10000 --epochs 50',
  // IMP
  '--task planted --method imp --m 50 --s 100 --d 100 --n 50000 --layers 2 --out-dim 10 --epochs 20 --batch 5000',
  '--task planted --method imp --m 50 --s 100 --d 100 --n 50000 --layers 2 --out-dim 10 --epochs 2 --batch 5000 --imp-kernel dense',
  '--task planted --method imp --m 500 --s 5000 --n 5000 --layers 2 --out-dim 10 --epochs 1 --batch 5000',
  '--task planted --method imp --m 500 --s 5000 --n 5000 --layers 2 --out-dim 10 --epochs 1 --batch 5000 --imp-kernel sparse',
  '--task planted --method imp --m 200 --s 1000 --n 5000 --layers 2 --out-dim 10 --epochs 2 --batch 1000',
  '--task planted --method imp --m 200 --s 1000 --n 5000 --layers 2 --out-dim 10 --epochs 2 --batch 1000 --imp-kernel dense',
  '--task planted --method imp --m 20 --s 20 --n 5000 --epochs 20',
  '--task planted --method imp --m 20 --s 20 --n 5000 --epochs 5 --batch 500 --imp-protocol fair',
  '--task binary-mnist --method imp --m 100 --s 100 --epochs 2 --batch 1000',
  '--task mnist --method imp --m 50 --s 500 --epochs 1 --batch 5000',
  '--task inr-mnist --method imp --m 20 --s 50 --layers 2 --epochs 20',
].map((line) => line.split(' '));

interface Measured {
  args: string[];
  cpuSeconds: number;
}

const configOf = (args: readonly string[]): CellConfig => parseFlags(CELL_FIELDS, args).config as CellConfig;

function measure(): Measured[] {
  const out: Measured[] = [];
  BENCH_CELLS.forEach((args, i) => {
    process.stderr.write(`cost fit: cell ${i + 1}/${BENCH_CELLS.length}: ${args.join(' ')}\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', 'cell', ...args, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`cell ${args.join(' ')} failed: ${r.stderr}`);
    out.push({ args, cpuSeconds: (JSON.parse(r.stdout) as { cpuSeconds: number }).cpuSeconds });
  });
  return out;
}

/** Coefficients of each family fitted on that family's cells, minimising Σ ((model − measured) / measured)². */
function fitCoefficients(rows: Array<{ terms: CostTerms; seconds: number }>): Coefficients {
  const coefficients = Object.fromEntries(Object.keys(COST_TERMS).map((t) => [t, 0])) as Coefficients;
  for (const family of ['iht.', 'imp.']) {
    const names = (Object.keys(COST_TERMS) as CostTerm[]).filter((t) => t.startsWith(family));
    const mine = rows.filter((r) => names.some((t) => (r.terms[t] ?? 0) > 0));
    // scale each column to unit size so the solver sees a well-conditioned problem
    const scale = names.map((t) => Math.max(...mine.map((r) => r.terms[t] ?? 0)) || 1);
    const A = mine.map((r) => names.map((t, j) => (r.terms[t] ?? 0) / scale[j]! / r.seconds));
    const x = fitNonNegative(
      A,
      mine.map(() => 1),
    );
    names.forEach((t, j) => (coefficients[t] = x[j]! / scale[j]!));
  }
  return coefficients;
}

function paperEstimate(coefficients: Coefficients): Array<[string, number]> {
  return FIGURES.map((f) => {
    const jobs = pathJobs(expand(f.sweep('paper')));
    const seconds = jobs.reduce((a, job) => a + Math.max(...job.map((c) => secondsOf(cellCostTerms(c), coefficients))), 0);
    return [f.id, seconds / 3600];
  });
}

mkdirSync(OUT, { recursive: true });
const measured: Measured[] =
  process.argv.includes('--reuse') && existsSync(CELLS_FILE) ? (JSON.parse(readFileSync(CELLS_FILE, 'utf8')) as Measured[]) : measure();
writeFileAtomic(CELLS_FILE, JSON.stringify(measured, null, 2) + '\n');
const rows = measured.map((m) => ({ args: m.args, terms: cellCostTerms(configOf(m.args)), seconds: m.cpuSeconds }));
const previous = FITTED.coefficients;
const fitted = fitCoefficients(rows);

console.log('\nCost model: measured CPU-seconds beside the model (previous coefficients, and refitted)');
console.log('| cell | measured | previous model | refitted model | measured / refitted |');
console.log('|---|---|---|---|---|');
let worst = 1;
for (const r of rows) {
  const model = secondsOf(r.terms, fitted);
  const ratio = r.seconds / model;
  worst = Math.max(worst, ratio, 1 / ratio);
  console.log(`| ${r.args.join(' ')} | ${r.seconds.toFixed(2)} | ${secondsOf(r.terms, previous).toFixed(2)} | ${model.toFixed(2)} | ${ratio.toFixed(2)} |`);
}
console.log(`worst measured/modelled ratio ${worst.toFixed(2)}× (target: within 2×)`);
console.log('\n| term | coefficient (s per unit) | what |');
console.log('|---|---|---|');
for (const [t, what] of Object.entries(COST_TERMS)) console.log(`| ${t} | ${fitted[t as CostTerm].toExponential(3)} | ${what} |`);

const before = paperEstimate(previous);
const after = paperEstimate(fitted);
console.log('\n`--profile paper --estimate`, CPU-hours per figure');
console.log('| figure | previous coefficients | refitted |');
console.log('|---|---|---|');
before.forEach(([id, h], i) => console.log(`| ${id} | ${h.toFixed(1)} | ${after[i]![1].toFixed(1)} |`));
const total = (e: Array<[string, number]>) => e.reduce((a, [, h]) => a + h, 0);
console.log(`| total | ${total(before).toFixed(1)} | ${total(after).toFixed(1)} |`);

const body = Object.entries(fitted)
  .map(([t, v]) => `    '${t}': ${v.toExponential(6)},`)
  .join('\n');
writeFileAtomic(
  COEFFICIENTS_FILE,
  `// Written by bench/cost-fit.ts: do not edit by hand (rerun \`npm run bench\`).
// Seconds per unit of each cost term (src/cost/terms.ts).
import type { Coefficients } from './model.js';

export const FITTED: { fitted: string; cells: number; coefficients: Coefficients } = {
  fitted: '${new Date().toISOString().slice(0, 10)}, Node ${process.version}',
  cells: ${rows.length},
  coefficients: {
${body}
  },
};
`,
);
console.log(`\nwrote ${COEFFICIENTS_FILE} (${rows.length} cells; worst ratio ${worst.toFixed(2)}×)`);
