// `npm test`: type-check, then the whole suite under V8 coverage (thresholds in vitest.config.ts),
// then the plain closing line `N passed, N failed` that CI reads. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { propertySeed } from './with-seed.mjs';

const typecheck = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' });
if (typecheck.status !== 0) console.error('type check failed');

const report = '.vitest-report.json';
rmSync(report, { force: true });
const args = ['vitest', 'run', '--coverage', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
// one property seed for the whole run (from the environment, or drawn here and printed)
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, PBT_SEED: propertySeed() } });

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  if (failed === 0) failed = r.numFailedTestSuites ?? 0; // a file that failed to load has no failed test
}
const ok = run.status === 0 && typecheck.status === 0;
// a crash, a coverage-threshold miss or a type error still counts as one failure
if (!ok && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
