// Coverage of the whole suite with c8: the tests' own processes (flushed by test/support/flush-coverage.ts)
// and every CLI process they spawn (NODE_V8_COVERAGE), in one report with the thresholds enforced.
//   node scripts/coverage.mjs [vitest args]   (npm run coverage) — runs vitest under coverage, then reports
// run-tests.mjs uses coverageEnv() and report() the same way inside `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import libCoverage from 'istanbul-lib-coverage';

/** Never lowered: CI fails below these (percent of the merged report). */
export const THRESHOLDS = { statements: 92, branches: 80, functions: 92, lines: 92 };

const ROOT = resolve('.');
const SOURCES = pathToFileURL(join(ROOT, 'src')).href;
const CLI = pathToFileURL(join(ROOT, 'reproduce.ts')).href;

/** Folders for the raw V8 coverage, and the environment that makes the suite write them. */
export function coverageEnv() {
  const dir = mkdtempSync(join(tmpdir(), 'srl-coverage-'));
  const inProcess = join(dir, 'in-process');
  const subprocess = join(dir, 'subprocess');
  mkdirSync(inProcess);
  mkdirSync(subprocess);
  return { dir, inProcess, subprocess, env: { NODE_V8_COVERAGE: inProcess, SRL_SUBPROCESS_COVERAGE: subprocess } };
}

/** Copies the raw files of `from` into `to`, keeping only this project's scripts (the rest is most of the bytes). */
function keepOurs(from, to) {
  for (const f of readdirSync(from)) {
    let raw;
    try {
      raw = JSON.parse(readFileSync(join(from, f), 'utf8'));
    } catch {
      continue; // a process killed while writing (the fault tests kill some on purpose)
    }
    const ours = (url) => url.startsWith(SOURCES) || url === CLI;
    const result = (raw.result ?? []).filter((s) => ours(s.url));
    if (result.length === 0) continue;
    const maps = Object.fromEntries(Object.entries(raw['source-map-cache'] ?? {}).filter(([url]) => ours(url)));
    writeFileSync(join(to, f), JSON.stringify({ result, 'source-map-cache': maps }));
  }
}

/** c8's istanbul JSON of one folder of raw files (`all`: every source file, those never loaded at zero). */
function c8(tempDir, all = false) {
  const reportDir = `${tempDir}-report`;
  const args = ['c8', 'report', '--temp-directory', tempDir, '--report-dir', reportDir, '--reporter', 'json', ...(all ? ['--all', '--src', 'src'] : [])];
  for (const p of ['src/**/*.ts', 'reproduce.ts']) args.push('--include', p);
  args.push('--exclude', 'src/**/*.test.ts');
  const r = spawnSync('npx', args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`c8 report failed on ${tempDir}`);
  return JSON.parse(readFileSync(join(reportDir, 'coverage-final.json'), 'utf8'));
}

/** Share of the entries of a hit map that ran (1 for an empty map). */
const ran = (hits) => {
  const counts = Object.values(hits).flat();
  return counts.length ? counts.filter((c) => c > 0).length / counts.length : 1;
};

/**
 * One file's coverage from two conversions of the same source: vitest's workers and the CLI processes run it
 * through different TypeScript transforms, so their raw V8 data cannot be merged by URL (c8's own merge mixed
 * them up). Each is mapped back to the source first (c8), then merged here. Lines and statements sit at the same
 * source lines in both (checked): their counts add. Functions and branches are located from each transform's own
 * code and do not line up, so the file takes those of whichever side covered more of them, never a mix of the
 * two: the merge can only understate them.
 */
export function mergeFile(a, b) {
  if (JSON.stringify(a.statementMap) !== JSON.stringify(b.statementMap)) throw new Error(`coverage: ${a.path} has two different line maps`);
  const s = Object.fromEntries(Object.entries(a.s).map(([k, v]) => [k, v + (b.s[k] ?? 0)]));
  const fns = ran(b.f) > ran(a.f) ? b : a;
  const branches = ran(b.b) > ran(a.b) ? b : a;
  return { ...a, s, fnMap: fns.fnMap, f: fns.f, branchMap: branches.branchMap, b: branches.b };
}

/** The files of every part, merged; files no process loaded count at zero (`zero`). */
function mergedMap(parts, zero) {
  const files = {};
  for (const part of parts) for (const [file, data] of Object.entries(part)) files[file] = files[file] ? mergeFile(files[file], data) : data;
  for (const [file, data] of Object.entries(zero)) files[file] ??= data;
  return libCoverage.createCoverageMap(files);
}

const pct = (t) =>
  Object.keys(THRESHOLDS)
    .map((k) => `${k} ${t[k].pct}%`)
    .join(', ');

/** The merged report in coverage/ (thresholds checked), and the in-process figure beside it. Returns whether the thresholds hold. */
export function report(c) {
  const empty = join(c.dir, 'none');
  const inProcessRaw = join(c.dir, 'in-process-ours');
  const subprocessRaw = join(c.dir, 'subprocess-ours');
  for (const d of [empty, inProcessRaw, subprocessRaw]) mkdirSync(d);
  keepOurs(c.inProcess, inProcessRaw);
  keepOurs(c.subprocess, subprocessRaw);
  const zero = c8(empty, true);
  const inProcess = c8(inProcessRaw);
  const alone = mergedMap([inProcess], zero).getCoverageSummary().toJSON();
  const map = mergedMap([inProcess, c8(subprocessRaw)], zero);
  const total = map.getCoverageSummary().toJSON();
  rmSync('coverage', { recursive: true, force: true });
  mkdirSync('coverage');
  writeFileSync('coverage/coverage-final.json', JSON.stringify(map.toJSON()));
  writeFileSync('coverage/coverage-summary.json', JSON.stringify({ total }, null, 1) + '\n');
  const misses = Object.entries(THRESHOLDS).filter(([k, v]) => total[k].pct < v);
  console.log(`coverage, tests' own processes only: ${pct(alone)}`);
  console.log(`coverage, with the CLI processes they spawned (${readdirSync(subprocessRaw).length} files): ${pct(total)}`);
  for (const [k, v] of misses) console.log(`coverage: ${k} ${total[k].pct}% is below the threshold of ${v}%`);
  if (!process.env.SRL_KEEP_COVERAGE) rmSync(c.dir, { recursive: true, force: true });
  return misses.length === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const c = coverageEnv();
  const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ...c.env } });
  const ok = report(c);
  process.exit(run.status === 0 && ok ? 0 : 1);
}
