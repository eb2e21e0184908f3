// Property harness: budgets (how many cases each property runs; not the reproduction profiles), a run seed taken from the environment (and printed), and
// counterexample files with a one-line replay command.
//   PBT_BUDGET=quick|ci|nightly    number of runs and time limit (ci is the default)
//   PBT_SEED=<int>                 the run seed (CI: set it, or one is drawn and printed)
//   PBT_PATH=<path>                replay one shrunk counterexample (with PBT_SEED)
//   PBT_COUNTEREXAMPLES=<dir>      where failing properties write their JSON records (default counterexamples/)
import fc from 'fast-check';
import { test } from 'vitest';
import { writeFileAtomic } from '../src/run/atomic.js';
import { PropertyViolation } from './violation.js';

export interface Budget {
  /** multiplies each property's base number of runs */
  runs: number;
  /** fast-check stops a property after this long (kept below the vitest timeout) */
  timeLimitMs: number;
}

const BUDGETS: Record<string, Budget> = {
  quick: { runs: 0.25, timeLimitMs: 15_000 },
  ci: { runs: 1, timeLimitMs: 60_000 },
  nightly: { runs: 10, timeLimitMs: 900_000 },
};

function readBudget(): [string, Budget] {
  const name = process.env.PBT_BUDGET ?? 'ci';
  const p = BUDGETS[name];
  if (!p) throw new Error(`PBT_BUDGET must be one of ${Object.keys(BUDGETS).join(', ')}; got '${name}'`);
  return [name, p];
}

function readSeed(): number {
  const text = process.env.PBT_SEED;
  if (text === undefined || text === '') return (Date.now() ^ (process.pid << 10)) | 0;
  const v = Number(text);
  if (!Number.isSafeInteger(v)) throw new Error(`PBT_SEED must be an integer, got '${text}'`);
  return v | 0;
}

const [BUDGET_NAME, budget] = readBudget();
export const BUDGET: Budget = budget;
export const RUN_SEED = readSeed();
console.log(`[properties] budget ${BUDGET_NAME}, seed ${RUN_SEED} (replay: PBT_SEED=${RUN_SEED})`);

export interface PropertyOptions {
  /** runs in the ci budget */
  numRuns: number;
  /** file that declares the property (for the replay line) */
  file: string;
}

const slug = (name: string) =>
  name
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

export interface PropertyOutcome {
  /** null when the property held on every run it was asked for */
  failure: string | null;
  /** cases actually run */
  numRuns: number;
}

/**
 * Checks `predicate` on `arb` with the budget's runs and time limit. A run that the time limit cut short
 * fails: a loaded machine must not quietly check fewer cases than the budget states. On failure it writes
 * counterexamples/<name>.json (seed, path, instance, error, measured constants) with a one-line replay.
 */
export function checkProperty<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  o: PropertyOptions & { timeLimitMs?: number },
): PropertyOutcome {
  const path = process.env.PBT_PATH;
  const numRuns = Math.max(1, Math.ceil(o.numRuns * BUDGET.runs));
  const timeLimitMs = o.timeLimitMs ?? BUDGET.timeLimitMs;
  const details = fc.check(
    fc.property(arb, (v) => {
      predicate(v);
    }),
    {
      seed: RUN_SEED,
      numRuns,
      interruptAfterTimeLimit: timeLimitMs,
      ...(path ? { path, endOnFailure: true } : {}),
    },
  );
  if (!details.failed) {
    if (details.numRuns === 0) return { failure: `property '${name}' ran on no input`, numRuns: 0 };
    if (details.interrupted && !path) {
      return {
        failure: `property '${name}' was interrupted by its ${timeLimitMs} ms limit after ${details.numRuns} of ${numRuns} runs (budget ${BUDGET_NAME}): fewer cases than stated`,
        numRuns: details.numRuns,
      };
    }
    return { failure: null, numRuns: details.numRuns };
  }
  const error = details.errorInstance;
  const replay = `PBT_SEED=${details.seed} PBT_PATH=${details.counterexamplePath} npx vitest run ${o.file} -t ${JSON.stringify(name)}`;
  const dir = process.env.PBT_COUNTEREXAMPLES ?? 'counterexamples';
  const file = `${dir}/${slug(name)}.json`;
  writeFileAtomic(
    file,
    JSON.stringify(
      {
        property: name,
        file: o.file,
        seed: details.seed,
        path: details.counterexamplePath,
        instance: details.counterexample?.[0] ?? null,
        error: error instanceof Error ? error.message : String(error),
        measured: error instanceof PropertyViolation ? error.measured : null,
        budget: BUDGET_NAME,
        replay,
      },
      null,
      2,
    ) + '\n',
  );
  return {
    failure: `property '${name}' failed after ${details.numRuns} runs on ${JSON.stringify(details.counterexample?.[0])}\n${error instanceof Error ? error.message : String(error)}\ncounterexample written to ${file}\nreplay: ${replay}`,
    numRuns: details.numRuns,
  };
}

/** Declares a vitest test that checks the property (checkProperty) and fails with its message. */
export function property<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, o: PropertyOptions): void {
  test(
    name,
    () => {
      const { failure } = checkProperty(name, arb, predicate, o);
      if (failure) throw new Error(failure);
    },
    BUDGET.timeLimitMs + 60_000,
  );
}

/** For failing-variant tests: did the property fail on some input (fixed seed, no files written)? */
export function rejects<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns = 100, seed = 1): boolean {
  return fc.check(
    fc.property(arb, (v) => {
      predicate(v);
    }),
    { seed, numRuns, endOnFailure: true }, // whether it fails, not its smallest counterexample: no shrinking
  ).failed;
}
