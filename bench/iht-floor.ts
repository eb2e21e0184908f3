// npm run bench (part): how far the Table 1 IHT cell is from its kernels' floor. Three measurements:
//  1. the cell itself, in its own process (its record's CPU-seconds);
//  2. the cell again in this process, with an iterate hook: a second operator on the same X follows the
//     run's generators, and every step's multiply-adds are counted from the gates and supports the step
//     used (bench/iht-census.ts, held to the step's real calls by test/iht-census.test.ts);
//  3. each kernel alone (apply, adjoint, sweep, gate) on the run's last gates and support, warm.
// Multiply-adds ÷ each kernel's rate alone is the CPU time the cell cannot go below with these kernels.
// Writes out/bench/iht-floor.json.
//   npx tsx bench/iht-floor.ts [cell flags, default: the Table 1 cell]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { CELL_FIELDS } from '../src/config/cell-config.js';
import { parseFlags } from '../src/config/fields.js';
import { LiftedOperator } from '../src/lifted/operator.js';
import { psnr } from '../src/metrics/psnr.js';
import { writeFileAtomic } from '../src/run/atomic.js';
import { stderrProgress } from '../src/run/progress.js';
import type { CellRecord } from '../src/run/record.js';
import { runCell } from '../src/run/run-cell.js';
import { SparseVector } from '../src/sparse/sparse-vector.js';
import { plantedInstance } from '../src/tasks/planted-task.js';
import { prepareCell } from '../src/tasks/registry.js';
import { perCpuSecond } from './per-cpu-second.js';
import { activeRows, addCensus, emptyCensus, gateMacs, KINDS, productMacs, stepMacs, type MacCensus } from './iht-census.js';

const TABLE1 = ['--task', 'planted', '--m', '10', '--s', '500', '--d', '100', '--n', '50000', '--epochs', '100', '--scp-every', '1', '--seed', '1'];
const TARGET_CPU_SECONDS = 10;
const args = process.argv.slice(2).length > 0 ? process.argv.slice(2) : TABLE1;
const cfg = parseFlags(CELL_FIELDS, args).config;
if (cfg.task !== 'planted' || cfg.method !== 'iht' || cfg.layers !== 1 || cfg.outDim !== 1 || cfg.batch !== 0 || cfg.convex) {
  process.stderr.write('iht-floor: the census covers full-batch scalar IHT on the planted task (one hidden layer, one output, sequential convex)\n');
  process.exit(2);
}

// 1. The cell in its own process: the CPU-seconds its record reports.
process.stderr.write(`iht-floor: the cell in its own process (${args.join(' ')})\n`);
const child = spawnSync(process.execPath, ['--import', 'tsx', 'reproduce.ts', 'cell', ...args, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (child.status !== 0) throw new Error(`cell failed: ${child.stderr}`);
const record = JSON.parse(child.stdout) as CellRecord;

// 2. The census: the same run, counted step by step.
process.stderr.write('iht-floor: the census run (same cell, this process)\n');
const inst = plantedInstance(cfg);
const d = cfg.d;
const mirror = new LiftedOperator(inst.x, cfg.m, cfg.seed, { streams: cfg.streams });
const census = emptyCensus();
census.gate += gateMacs(mirror); // the seeded random generators of the first steps
let previous: ArrayLike<number> = new Int32Array(0);
let last: SparseVector | null = null;
let generatorVersions = 1;
const counted = runCell(cfg, stderrProgress('census', true), {
  ...(await prepareCell(cfg)),
  onIterate: ({ w, generatorsSet }) => {
    addCensus(census, stepMacs(activeRows(mirror), d, previous, w.indices(), cfg.innerSteps));
    if (generatorsSet) {
      mirror.setGenerators(w);
      census.gate += gateMacs(mirror);
      generatorVersions++;
    }
    previous = w.indices();
    last = w;
  },
});
const final = last as SparseVector | null;
if (final === null) throw new Error('the census run reported no iterate');
// the evaluation: the network's output with h_j := w_j (gates, then one product)
mirror.setGenerators(final);
census.gate += gateMacs(mirror);
const active = activeRows(mirror);
census.apply += productMacs(active, d, final.indices());
// The follower must see the gates the run saw: its prediction reproduces the run's PSNR.
const followerPsnr = psnr(mirror.apply(final), inst.y, cfg.n, inst.maxLabel).psnr;
if (counted.psnr === null || followerPsnr === null || Math.abs(followerPsnr - counted.psnr) > 1e-9 * Math.abs(counted.psnr)) {
  throw new Error(`the census's operator does not follow the run: PSNR ${followerPsnr} against the record's ${counted.psnr}`);
}

// 3. Each kernel alone on the last gates and support, warm: multiply-adds per CPU-second.
const T = final.indices();
const u = final.values();
const r = Float64Array.from(inst.y);
const outRows = new Float64Array(cfg.n);
const outT = new Float64Array(T.length);
const outAll = new Float64Array(cfg.m * d);
const onT = productMacs(active, d, T);
const sweepMacs = active.reduce((s, a) => s + a * d, 0);
const gateOnce = gateMacs(mirror);
const rate = (macs: number, f: () => void) => perCpuSecond(macs, f, 1.5);
const rates: MacCensus = {
  apply: rate(onT, () => mirror.applySupport(T, u, outRows)),
  adjoint: rate(onT, () => mirror.adjointSupport(T, r, outT)),
  sweep: rate(sweepMacs, () => mirror.adjointBlocks(0, cfg.m, r, outAll)),
  gate: rate(gateOnce, () => {
    mirror.setGenerators(final);
    activeRows(mirror);
  }),
};

const seconds = Object.fromEntries(KINDS.map((k) => [k, census[k] / rates[k]])) as unknown as MacCensus;
const totalMacs = KINDS.reduce((s, k) => s + census[k], 0);
const floor = KINDS.reduce((s, k) => s + seconds[k], 0);
const result: Record<string, unknown> = {
  node: process.version,
  date: new Date().toISOString(),
  cell: args.join(' '),
  cpuSeconds: record.cpuSeconds,
  psnr: record.psnr,
  steps: cfg.epochs,
  generatorVersions,
  multiplyAdds: census,
  ratesPerCpuSecond: rates,
  floorSeconds: seconds,
  totalMultiplyAdds: totalMacs,
  floorCpuSeconds: floor,
  outsideKernelsCpuSeconds: record.cpuSeconds - floor,
  rateNeededForTarget: totalMacs / TARGET_CPU_SECONDS,
  targetCpuSeconds: TARGET_CPU_SECONDS,
};

const G = (v: number) => (v / 1e9).toFixed(2);
console.log(`\nIHT kernel floor: ${args.join(' ')}`);
console.log(`cell: ${record.cpuSeconds.toFixed(2)} CPU-s, PSNR ${record.psnr?.toFixed(2)} dB; ${cfg.epochs} steps, ${generatorVersions} generator versions`);
console.log('| kernel | multiply-adds (G) | rate alone (G/CPU-s) | CPU-s at that rate |');
console.log('|---|---|---|---|');
for (const k of KINDS) console.log(`| ${k} | ${G(census[k])} | ${G(rates[k])} | ${seconds[k].toFixed(2)} |`);
console.log(`| all | ${G(totalMacs)} | ${G(totalMacs / floor)} | ${floor.toFixed(2)} |`);
console.log(
  `floor ${floor.toFixed(2)} CPU-s; the cell spends ${(record.cpuSeconds - floor).toFixed(2)} CPU-s beyond it. ` +
    `${TARGET_CPU_SECONDS} CPU-s would need ${G(totalMacs / TARGET_CPU_SECONDS)} G multiply-adds per CPU-second with nothing else spent ` +
    `(${(totalMacs / TARGET_CPU_SECONDS / (totalMacs / floor)).toFixed(2)}× the kernels' rate alone).`,
);
// The same census at the best rate bench/iht-kernels.ts measured for each kernel, wrong-valued bounds included.
const KERNEL_STUDY = 'out/bench/iht-kernels.json';
if (existsSync(KERNEL_STUDY)) {
  const study = JSON.parse(readFileSync(KERNEL_STUDY, 'utf8')) as { rows: Array<{ apply: number; adjoint: number; gate: number }> };
  const best = (k: 'apply' | 'adjoint' | 'gate') => Math.max(...study.rows.map((row) => row[k]));
  const bestSeconds = census.apply / best('apply') + census.adjoint / best('adjoint') + census.sweep / rates.sweep + census.gate / best('gate');
  result.floorAtBestVariantsCpuSeconds = bestSeconds;
  console.log(
    `at the best rate ${KERNEL_STUDY} shows for each kernel (apply ${G(best('apply'))}, adjoint ${G(best('adjoint'))}, gate ${G(best('gate'))}, ` +
      `bounds with wrong values included) the floor would be ${bestSeconds.toFixed(2)} CPU-s.`,
  );
}
mkdirSync('out/bench', { recursive: true });
writeFileAtomic('out/bench/iht-floor.json', JSON.stringify(result, null, 2) + '\n');
console.log('wrote out/bench/iht-floor.json');
