// runCell(config) → record: the one path every cell takes (the cell command, sweeps on every executor, tests).
import type { CellConfig } from '../config/cell-config.js';
import { effectiveConfig } from '../tasks/applicability.js';
import { dataDigest } from '../tasks/data-files.js';
import type { Progress, TaskHooks, TaskOutcome } from '../tasks/outcome.js';
import { runTask, sCappedOf } from '../tasks/registry.js';
import { CODE_VERSION, recordDigestOf, storeKey, type CellRecord } from './record.js';

/** The outcome's other fields (the engine has its place in the record before them). */
function withoutEngine(o: TaskOutcome): Omit<TaskOutcome, 'kernelEngine'> {
  const { kernelEngine: _engine, ...rest } = o;
  return rest;
}

/** Runs the cell on the config as it reads it (effectiveConfig). `hooks.onIterate` observes IHT iterates (traces, parity tests); `progress` reports steps. */
export function runCell(given: CellConfig, progress?: Progress, hooks: Omit<TaskHooks, 'progress'> = {}): CellRecord {
  const cfg = effectiveConfig(given);
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = runTask(cfg, { ...hooks, ...(progress ? { progress } : {}) });
  const cpu = process.cpuUsage(cpu0);
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
    seconds: (performance.now() - wall0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  return { ...record, recordDigest: recordDigestOf(record) };
}
