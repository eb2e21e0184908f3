// The runner every contract shares: fast-check over one arbitrary of instances, a user's implementation
// called on each, and a result object instead of a thrown assertion. A failed contract never throws; only
// misuse does (an implementation that is not a function, options out of range).
import fc from 'fast-check';

/** Options every contract takes. */
export interface ContractOptions {
  /** fast-check seed (default: drawn from the clock, and reported in the result so a failure replays) */
  seed?: number;
  /** instances to check (each contract has its own default) */
  numRuns?: number;
  /** stop after this long; a run cut short is a failure (fewer instances than asked), default 60 s */
  timeLimitMs?: number;
  /** replay one shrunk counterexample: the `path` of an earlier failed result, with its seed */
  path?: string;
}

/** What a contract says about an implementation. */
export interface ContractResult {
  /** true when every instance met the contract */
  ok: boolean;
  /** the contract, or on failure the part of it that failed ("topS: best s-term approximation") */
  property: string;
  /** instances checked */
  runs: number;
  seed: number;
  /** fast-check's path to the shrunk counterexample (null when the contract passed or is not shrinkable) */
  path: string | null;
  /** the smallest failing instance, as plain JSON (null when ok) */
  counterexample: unknown;
  /** what was wrong with the implementation's answer on it (null when ok) */
  error: string | null;
  /** one line that reproduces the failure (null when ok) */
  replay: string | null;
}

/** Thrown inside a contract's predicate: which part of the contract failed, and why. */
export class ContractViolation extends Error {
  constructor(
    readonly property: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Misuse of a contract function (not a failed contract): a TypeError naming the argument. */
export function requireFunction(value: unknown, name: string, contract: string): void {
  if (typeof value !== 'function') throw new TypeError(`${contract}: ${name} must be a function, got ${value === null ? 'null' : typeof value}`);
}

function checkOptions(o: ContractOptions, contract: string): void {
  const intIn = (v: unknown, name: string, min: number) => {
    if (v !== undefined && !(Number.isSafeInteger(v) && (v as number) >= min))
      throw new RangeError(`${contract}: options.${name} must be an integer ≥ ${min}, got ${String(v)}`);
  };
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) throw new RangeError(`${contract}: options.seed must be an integer, got ${String(o.seed)}`);
  intIn(o.numRuns, 'numRuns', 1);
  intIn(o.timeLimitMs, 'timeLimitMs', 1);
  if (o.path !== undefined && !/^\d+(:\d+)*$/.test(o.path))
    throw new RangeError(`${contract}: options.path must look like 3:0:1, got ${JSON.stringify(o.path)}`);
}

/** A call an implementation makes to user code, with its exceptions turned into a violation. */
export function callUser<T>(property: string, what: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw new ContractViolation(property, `${what} threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface ContractSpec<T> {
  /** the contract's name, as exported (checkTopS → "topS") */
  name: string;
  /** what it checks, one line */
  statement: string;
  /** instances (or, for a batched contract, one batch of `numRuns` instances) */
  arbitrary: fc.Arbitrary<T> | ((numRuns: number) => fc.Arbitrary<T>);
  /** a statistical contract judges one batch of numRuns instances at once (no shrinking: the batch fails, not one instance) */
  batched?: boolean;
  /** throws ContractViolation when the implementation's answer on `instance` breaks the contract */
  predicate: (instance: T) => void;
  /** the instance as plain JSON for the result */
  show: (instance: T) => unknown;
  defaultRuns: number;
  /** the call that reproduces a failure, given seed and path (e.g. `checkTopS(topS, { seed: 1, path: "0" })`) */
  replayCall: (seed: number, path: string) => string;
}

const DEFAULT_TIME_LIMIT_MS = 60_000;

export function runContract<T>(spec: ContractSpec<T>, o: ContractOptions = {}): ContractResult {
  checkOptions(o, spec.name);
  const seed = o.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const numRuns = o.numRuns ?? spec.defaultRuns;
  const timeLimitMs = o.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const arbitrary = typeof spec.arbitrary === 'function' ? spec.arbitrary(numRuns) : spec.arbitrary;
  const details = fc.check(
    fc.property(arbitrary, (v) => {
      spec.predicate(v);
    }),
    {
      seed,
      numRuns: spec.batched ? 1 : numRuns,
      interruptAfterTimeLimit: timeLimitMs,
      ...(spec.batched ? { endOnFailure: true } : {}),
      ...(o.path ? { path: o.path, endOnFailure: true } : {}),
    },
  );
  const runs = spec.batched ? numRuns * details.numRuns : details.numRuns;
  if (!details.failed) {
    const cut = details.interrupted && !o.path;
    return {
      ok: !cut && details.numRuns > 0,
      property: spec.statement,
      runs,
      seed,
      path: null,
      counterexample: null,
      error: cut ? `interrupted by the ${timeLimitMs} ms time limit after ${runs} of ${numRuns} instances (raise timeLimitMs)` : null,
      replay: null,
    };
  }
  const e = details.errorInstance;
  const violation = e instanceof ContractViolation ? e : null;
  const instance = details.counterexample?.[0];
  return {
    ok: false,
    property: violation ? `${spec.name}: ${violation.property}` : spec.statement,
    runs,
    seed: details.seed,
    path: details.counterexamplePath,
    counterexample: instance === undefined ? null : spec.show(instance),
    error: e instanceof Error ? e.message : String(e),
    replay: spec.replayCall(details.seed, details.counterexamplePath ?? ''),
  };
}

/** `{ seed: 1, path: "0:2", ties: "numpy" }` as source text for a replay line. */
export function optionsText(seed: number, path: string, extra: Record<string, unknown> = {}): string {
  const parts = [`seed: ${seed}`, ...(path ? [`path: ${JSON.stringify(path)}`] : []), ...Object.entries(extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`)];
  return `{ ${parts.join(', ')} }`;
}
