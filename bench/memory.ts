// Memory scaling of IHT against m at fixed s: each cell runs in its own process (peak RSS is a
// per-process high-water mark), through the public CLI. Prints a table and writes JSON.
//   npx tsx bench/memory.ts [--s 100] [--n 50000] [--d 100] [--epochs 3] [--ms 10,100,1000] [--out out/bench-memory.json]
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const s = Number(arg('s', '100'));
const n = Number(arg('n', '50000'));
const d = Number(arg('d', '100'));
const epochs = Number(arg('epochs', '3'));
const ms = arg('ms', '10,100,1000').split(',').map(Number);
const out = arg('out', 'out/bench-memory.json');
for (const [k, v] of Object.entries({ s, n, d, epochs })) if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive integer`);

interface Row { m: number; peakRssMiB: number; operatorPeakKiB: number | null; seconds: number; cpuSeconds: number; psnr: number | null }

function runCell(m: number, cellS: number, cellEpochs: number): Row {
  const args = ['--import', 'tsx', 'reproduce.ts', 'cell', '--task', 'planted', '--m', String(m), '--s', String(cellS), '--n', String(n), '--d', String(d), '--epochs', String(cellEpochs), '--seed', '1', '--json', '--quiet'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`cell m=${m} failed (exit ${r.status}): ${r.stderr}`);
  const rec = JSON.parse(r.stdout);
  return { m, peakRssMiB: rec.peakRssBytes / 2 ** 20, operatorPeakKiB: rec.operatorPeakBytes === null ? null : rec.operatorPeakBytes / 1024, seconds: rec.seconds, cpuSeconds: rec.cpuSeconds, psnr: rec.psnr };
}

process.stderr.write(`memory vs m at s = ${s}, n = ${n}, d = ${d}, ${epochs} steps (one process per cell)\n`);
const baseline = runCell(1, 1, 1);
process.stderr.write(`baseline (data + runtime, m = 1, s = 1, 1 step): ${baseline.peakRssMiB.toFixed(1)} MiB\n`);
const rows: Row[] = [];
for (const m of ms) {
  const row = runCell(m, s, epochs);
  rows.push(row);
  process.stderr.write(`  m = ${m} done in ${row.seconds.toFixed(1)} s\n`);
}
const first = rows[0]!;
console.log(`| m | peak RSS (MiB) | above baseline (MiB) | kernel working memory (KiB) | wall s | CPU s |`);
console.log(`|---|---|---|---|---|---|`);
for (const r of rows) {
  console.log(`| ${r.m} | ${r.peakRssMiB.toFixed(1)} | ${(r.peakRssMiB - baseline.peakRssMiB).toFixed(1)} | ${r.operatorPeakKiB?.toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} |`);
}
const last = rows[rows.length - 1]!;
console.log(`peak RSS growth m = ${first.m} → ${last.m}: ${(((last.peakRssMiB - first.peakRssMiB) / first.peakRssMiB) * 100).toFixed(1)} % of the total, ${(last.peakRssMiB - first.peakRssMiB).toFixed(1)} MiB`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, JSON.stringify({ s, n, d, epochs, baseline, rows }, null, 2));
renameSync(`${out}.tmp`, out);
process.stderr.write(`wrote ${out}\n`);
