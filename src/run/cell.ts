// runCell(config) → record: the one path every cell takes (CLI, tests, later sweeps).
import type { CellConfig } from '../config/cell.js';
import { configHash } from '../config/hash.js';
import { runGaussian } from '../tasks/gaussian.js';
import type { Progress, TaskOutcome } from '../tasks/outcome.js';
import { runPlanted } from '../tasks/planted.js';
import { CODE_VERSION, type CellRecord } from './record.js';

const TASKS: Record<CellConfig['task'], (cfg: CellConfig, progress?: Progress) => TaskOutcome> = {
  planted: runPlanted,
  gaussian: runGaussian,
};

export function runCell(cfg: CellConfig, progress?: Progress): CellRecord {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = TASKS[cfg.task](cfg, progress);
  const cpu = process.cpuUsage(cpu0);
  return {
    config: cfg,
    configHash: configHash(cfg, CODE_VERSION),
    codeVersion: CODE_VERSION,
    valueTol: cfg.valueTol,
    ...outcome,
    seconds: (performance.now() - wall0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
