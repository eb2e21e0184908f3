// Adds the IMP cells of the reference's round-by-round recording (test/fixtures/reference/reference-traces-more/
// imp-*-rounds.json and its logs) to parity/reference.json: the final PSNR the authors' code printed and its
// mask after every pruning round, so that `parity` can say at which round ours first differs.
// Usage: npx tsx scripts/add-imp-parity-rows.ts
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/run/atomic.js';

const DIR = 'test/fixtures/reference/reference-traces-more/';
const file = 'parity/reference.json';
const table = JSON.parse(readFileSync(file, 'utf8')) as { about: string; rows: Array<Record<string, unknown>> };
const rows = [0, 1].map((seed) => {
  const rounds = JSON.parse(readFileSync(`${DIR}imp-k3-m5-s20-seed${seed}-rounds.json`, 'utf8')) as Array<{ mask: number[] }>;
  const log = readFileSync(`${DIR}ref-imp-k3-m5-s20-seed${seed}.log`, 'utf8');
  const printed = [...log.matchAll(/test performance (\S+)/g)].map((m) => Number(m[1]));
  return {
    id: `imp-planted-k3-m5-s20-seed${seed}`,
    cell: { task: 'planted', method: 'imp', m: 5, s: 20, d: 20, n: 2000, layers: 1, outDim: 3, epochs: 15, batch: 0, seed },
    psnr: printed[printed.length - 1]!,
    masks: rounds.map((r) => r.mask.join('')),
    source: `printed by the authors' code (baselines.py, IMP); masks recorded after each pruning round (the repository's test/fixtures/reference/reference-traces-more/imp-k3-m5-s20-seed${seed}-rounds.json)`,
  };
});
table.rows = [...table.rows.filter((r) => !String(r.id).startsWith('imp-')), ...rows];
writeFileAtomic(file, JSON.stringify(table, null, 2) + '\n');
console.log(`${file}: ${rows.length} IMP rows`);
