// Coverage with c8 (scripts/coverage.mjs): vitest's worker processes are stopped without exiting, so each test
// file flushes its V8 coverage itself; the CLI processes the tests spawn write theirs into a folder of their own,
// so the report can say what the subprocesses added.
import { takeCoverage } from 'node:v8';
import { afterAll } from 'vitest';

if (process.env.SRL_SUBPROCESS_COVERAGE) process.env.NODE_V8_COVERAGE = process.env.SRL_SUBPROCESS_COVERAGE;

afterAll(() => {
  if (process.env.SRL_SUBPROCESS_COVERAGE) takeCoverage();
});
