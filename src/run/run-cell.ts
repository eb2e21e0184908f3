// runCell(config) → record: the one path every cell takes (the cell command, sweeps on every executor,
// tests); runCells(job) → records for a job of cells that share one run (tasks/paths.ts).
import type { CellConfig } from '../config/cell-config.js';
import { effectiveConfig } from '../tasks/applicability.js';
import { dataDigest } from '../tasks/data-files.js';
import type { Progress, TaskHooks, TaskOutcome } from '../tasks/outcome.js';
import { runJob, sCappedOf } from '../tasks/registry.js';
import { CODE_VERSION, recordDigestOf, storeKey, type CellRecord } from './record.js';

/** The outcome's other fields (the engine has its place in the record before them). */
function withoutEngine(o: TaskOutcome): Omit<TaskOutcome, 'kernelEngine'> {
  const { kernelEngine: _engine, ...rest } = o;
  return rest;
}

function recordOf(cfg: CellConfig, outcome: TaskOutcome, timing: { seconds: number; cpuSeconds: number }): CellRecord {
  const digest = dataDigest(cfg);
  const record: Omit<CellRecord, 'recordDigest'> = {
    config: cfg,
    configHash: storeKey(cfg, digest),
    codeVersion: CODE_VERSION,
    dataDigest: digest,
    valueTol: cfg.valueTol,
    sCapped: sCappedOf(cfg),
    kernelEngine: outcome.kernelEngine,
    ...withoutEngine(outcome),
    ...timing,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  return { ...record, recordDigest: recordDigestOf(record) };
}

/** Runs the cells of one job on the configs as they read them (effectiveConfig). A shared run's wall and
 *  CPU time are split evenly over its cells. `hooks.onIterate` observes IHT iterates (traces, parity tests);
 *  `progress` reports steps. */
export function runCells(given: readonly CellConfig[], progress?: Progress, hooks: Omit<TaskHooks, 'progress'> = {}): CellRecord[] {
  const cfgs = given.map(effectiveConfig);
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcomes = runJob(cfgs, { ...hooks, ...(progress ? { progress } : {}) });
  const cpu = process.cpuUsage(cpu0);
  const timing = { seconds: (performance.now() - wall0) / 1000 / cfgs.length, cpuSeconds: (cpu.user + cpu.system) / 1e6 / cfgs.length };
  return cfgs.map((c, i) => recordOf(c, outcomes[i]!, timing));
}

export const runCell = (cfg: CellConfig, progress?: Progress, hooks: Omit<TaskHooks, 'progress'> = {}): CellRecord => runCells([cfg], progress, hooks)[0]!;
