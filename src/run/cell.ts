// runCell(config) → record: the one path every cell takes (the cell command, sweeps on every executor, tests).
import type { CellConfig } from '../config/cell.js';
import { dataDigest } from '../data/digest.js';
import { engineLabel } from '../lifted/engines-used.js';
import { runGaussian } from '../tasks/gaussian.js';
import { skippedOutcome, type Progress, type TaskHooks, type TaskOutcome } from '../tasks/outcome.js';
import { NonFiniteError } from '../sparse/sparse-vector.js';
import { runInrImage, runInrMnist } from '../tasks/inr.js';
import { runBinaryMnist, runMnist } from '../tasks/mnist.js';
import { runPlanted } from '../tasks/planted.js';
import { CODE_VERSION, recordDigestOf, storeKey, type CellRecord } from './record.js';
import { sCappedOf } from '../tasks/planted.js';

const TASKS: Record<CellConfig['task'], (cfg: CellConfig, hooks: TaskHooks) => TaskOutcome> = {
  planted: runPlanted,
  gaussian: runGaussian,
  'binary-mnist': runBinaryMnist,
  mnist: runMnist,
  'inr-mnist': runInrMnist,
  'inr-image': runInrImage,
};

/** The outcome's other fields (the engine has its place in the record before them). */
function withoutEngine(o: TaskOutcome): Omit<TaskOutcome, 'kernelEngine'> {
  const { kernelEngine: _engine, ...rest } = o;
  return rest;
}

/** `hooks.onIterate` observes IHT iterates (traces, parity tests); `progress` reports steps. */
export function runCell(cfg: CellConfig, progress?: Progress, hooks: Omit<TaskHooks, 'progress'> = {}): CellRecord {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  let outcome: TaskOutcome;
  try {
    outcome = TASKS[cfg.task](cfg, { ...hooks, ...(progress ? { progress } : {}) });
  } catch (e) {
    // A diverging run is a result of the method (e.g. the reference's step-size rule), not a crash.
    if (!(e instanceof NonFiniteError)) throw e;
    outcome = { ...skippedOutcome(`diverged: ${e.message}`), kernelEngine: engineLabel(e.engines) };
  }
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
