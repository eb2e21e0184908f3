// `contracts ADAPTER`: loads a module that exports implementations under well-known names (topS,
// liftedOperator, solve, restrictedEigenvalues, identifiable; optional contractOptions) and runs each contract
// on what it provides: one line per contract, exit 1 if any fails, 2 if the adapter cannot be used.
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTRACTS_FIELDS } from '../config/contracts.js';
import { ConfigError, flagHelp, parseFlags } from '../config/fields.js';
import { InputError } from '../config/input-error.js';
import { checkAdapter, CONTRACT_NAMES, type ContractExport } from '../contracts/adapter.js';
import { PROGRAM, type Command } from './command.js';

const CONTRACTS_USAGE = `usage: ${PROGRAM} contracts ADAPTER [flags]

Runs this project's contracts on your implementations. ADAPTER is a JavaScript module (.mjs or .js; .ts under
tsx) exporting any of: ${CONTRACT_NAMES.join(', ')}; and optionally contractOptions, per contract
(e.g. { topS: { ties: 'numpy' } }). Prints one line per contract; a failure line carries the counterexample
and the command that replays it. Exit 0 when every contract holds, 1 when one fails, 2 when the adapter cannot
be loaded or exports none of the names.

${flagHelp(CONTRACTS_FIELDS)}`;

async function loadAdapter(path: string): Promise<Record<string, unknown>> {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(path, `adapter ${path}: no such file`);
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(path, `adapter ${path}: cannot be loaded (${(e as Error).message.split('\n')[0]})`);
  }
}

async function contractsCommand(argv: readonly string[]): Promise<number> {
  const adapterPath = argv[0] !== undefined && !argv[0].startsWith('--') ? argv[0] : undefined;
  const flags = adapterPath === undefined ? argv : argv.slice(1);
  if (!adapterPath) throw new ConfigError('ADAPTER', `contracts needs an adapter module: ${PROGRAM} contracts ./adapter.mjs (see --help)`);
  const { config: cfg } = parseFlags(CONTRACTS_FIELDS, flags);
  const only = cfg.only ? (cfg.only.split(',').map((s) => s.trim()) as ContractExport[]) : [];
  const unknown = only.find((n) => !CONTRACT_NAMES.includes(n));
  if (unknown) throw new ConfigError('--only', `--only: no contract named '${unknown}' (known: ${CONTRACT_NAMES.join(', ')})`);
  const adapter = await loadAdapter(adapterPath);
  const seed = cfg.seed !== 0 ? cfg.seed : randomInt(1, 2 ** 31 - 1);
  let run;
  try {
    run = checkAdapter(adapter, {
      seed,
      only,
      ...(cfg.numRuns ? { numRuns: cfg.numRuns } : {}),
      ...(cfg.timeLimitMs ? { timeLimitMs: cfg.timeLimitMs } : {}),
      ...(cfg.path ? { path: cfg.path } : {}),
    });
  } catch (e) {
    // misuse: an export that is not a function, options out of range
    if (e instanceof TypeError || e instanceof RangeError) throw new InputError(adapterPath, `adapter ${adapterPath}: ${e.message}`);
    throw e;
  }
  if (run.results.length === 0)
    throw new InputError(adapterPath, `adapter ${adapterPath}: exports none of ${(only.length ? only : CONTRACT_NAMES).join(', ')}`);
  const replay = (name: string, r: { seed: number; path: string | null }) =>
    `${PROGRAM} contracts ${adapterPath} --only ${name} --seed ${r.seed}${r.path ? ` --path ${r.path}` : ''}${cfg.numRuns ? ` --num-runs ${cfg.numRuns}` : ''}`;
  if (cfg.json) {
    const results = run.results.map(({ export: name, result }) => ({ contract: name, ...result, replay: result.ok ? null : replay(name, result) }));
    process.stdout.write(JSON.stringify({ adapter: adapterPath, seed, results, absent: run.absent }) + '\n');
  } else {
    for (const { export: name, result: r } of run.results) {
      if (r.ok) process.stdout.write(`ok    ${name.padEnd(22)} ${String(r.runs).padStart(4)} runs  ${r.property}\n`);
      else {
        process.stdout.write(`FAIL  ${name.padEnd(22)} ${String(r.runs).padStart(4)} runs  ${r.property}: ${r.error}\n`);
        process.stdout.write(`      counterexample: ${JSON.stringify(r.counterexample)}\n      replay: ${replay(name, r)}\n`);
      }
    }
    for (const name of run.absent) process.stdout.write(`-     ${name.padEnd(22)} not exported by the adapter\n`);
    process.stdout.write(`seed ${seed}: ${run.results.filter((r) => r.result.ok).length} of ${run.results.length} contracts hold\n`);
  }
  return run.results.every((r) => r.result.ok) ? 0 : 1;
}

export const command: Command = { usage: CONTRACTS_USAGE, run: contractsCommand };
