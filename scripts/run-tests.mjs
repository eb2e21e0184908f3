// `npm test`: type-check, then the whole suite under c8 coverage — the tests' processes and the CLI processes
// they spawn, one report, thresholds enforced (scripts/coverage.mjs) — then the plain closing line
// `N passed, N failed` that CI reads, after a line per group of tests skipped for a missing service.
// `npm test -- FILE…` runs only those files (and vitest's other flags), without coverage: a subset cannot
// meet the whole suite's thresholds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageEnv, report as coverageReport } from './coverage.mjs';
import { propertySeed } from './with-seed.mjs';

const extra = process.argv.slice(2);
const subset = extra.length > 0;

const typecheck = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' });
if (typecheck.status !== 0) console.error('type check failed');

const scratch = mkdtempSync(join(tmpdir(), 'srl-test-run-'));
const report = join(scratch, 'vitest-report.json');
const skipLog = join(scratch, 'skipped.jsonl');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra];
const coverage = subset ? null : coverageEnv();
// one property seed for the whole run (from the environment, or drawn here and printed)
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...(coverage?.env ?? {}), PBT_SEED: propertySeed(), SRL_SKIP_LOG: skipLog } });
const coverageOk = coverage === null || coverageReport(coverage);

let passed = 0;
let failed = 0;
let skipped = 0;
const skippedByFile = new Map();
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (failed === 0) failed = r.numFailedTestSuites ?? 0; // a file that failed to load has no failed test
  for (const file of r.testResults ?? []) {
    const n = (file.assertionResults ?? []).filter((a) => a.status === 'skipped' || a.status === 'pending').length;
    if (n > 0) skippedByFile.set(file.name, n);
  }
}
// why each group was skipped (test/support/services.ts), with how many tests it held
const reasons = existsSync(skipLog) ? [...new Set(readFileSync(skipLog, 'utf8').trim().split('\n').filter(Boolean))].map((line) => JSON.parse(line)) : [];
for (const { file, title, why } of reasons) {
  const count = [...skippedByFile.entries()].find(([name]) => name.endsWith(file))?.[1] ?? 0;
  console.log(`skipped ${count} test(s) of ${file} (${title}): ${why}`);
}
rmSync(scratch, { recursive: true, force: true });
const ok = run.status === 0 && typecheck.status === 0 && coverageOk;
// a crash, a coverage-threshold miss or a type error still counts as one failure
if (!ok && failed === 0) failed = 1;
if (skipped > 0 && reasons.length === 0) console.log(`skipped ${skipped} test(s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
