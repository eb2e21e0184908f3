// Arbitrary: a command line a careless or adversarial user might type — the `cell` command over a small
// base cell with some flags overridden by valid, boundary, huge, malformed or inapplicable values, an
// unknown flag, a stray word or a missing value; or the main job on one small figure with a bad output
// folder, golden folder, data file or memory limit. Budgets (epochs, inner steps) stay small: a huge
// budget is a legitimate long run, not an input error.
import fc from 'fast-check';
import { CELL_FIELDS } from '../../src/config/cell-config.js';

export interface CliArgsConstraints {
  /** most flags overridden in one command line */
  maxFlags?: number;
  /** files and folders the arguments may name (an all-black CIFAR file, a plain file, a scratch folder) */
  paths: { blackCifar: string; plainFile: string; scratch: string };
}

const SIZE_VALUES = ['0', '1', '3', '-1', '2.5', '1e9', '1e12', '1e30', '1e400', 'abc', ''];
const BUDGET_VALUES = ['0', '1', '2', '-1', '1.5', 'x', '1e30'];
const NUMBER_VALUES = ['0', '0.5', '1', '2', '-1', '1e400', 'nan', '1e-300', '0x10'];
const SIZE_FLAGS = new Set(['n', 'd', 'm', 's', 'out-dim', 'layers', 'extra-generators', 's-tilde', 's-prime', 'batch']);
const BUDGET_FLAGS = new Set(['epochs', 'inner-steps', 'armijo-tries', 'scp-every', 'seed']);
/** Datasets above a few seconds per cell are left out (MNIST runs are long, not wrong). */
const TASKS = ['planted', 'gaussian', 'inr-mnist', 'inr-image', 'mnist', 'nope'];

function flagValue(flag: string, kind: string, choices: readonly string[], paths: CliArgsConstraints['paths']): fc.Arbitrary<string[]> {
  const pair = (v: fc.Arbitrary<string>) => v.map((x) => [`--${flag}`, x]);
  if (flag === 'task') return pair(fc.constantFrom(...TASKS));
  if (kind === 'enum') return pair(fc.constantFrom(...choices, 'bogus', ''));
  if (kind === 'bool') return fc.constantFrom([`--${flag}`], [`--${flag}=true`], [`--${flag}=false`], [`--${flag}=maybe`]);
  if (kind === 'string') return pair(fc.constantFrom('nope.bin', paths.blackCifar, paths.plainFile, paths.scratch, '/proc/self/status', ''));
  if (SIZE_FLAGS.has(flag)) return pair(fc.constantFrom(...SIZE_VALUES));
  if (BUDGET_FLAGS.has(flag)) return pair(fc.constantFrom(...BUDGET_VALUES));
  return pair(fc.constantFrom(...NUMBER_VALUES));
}

const BASE_CELL: Record<string, string> = { task: 'planted', n: '200', d: '5', m: '2', s: '4', epochs: '2' };

function cellArgs(c: CliArgsConstraints): fc.Arbitrary<string[]> {
  const fields = [
    ...Object.values(CELL_FIELDS).map((f) => ({ flag: f.flag, kind: f.kind, choices: f.kind === 'enum' ? (f.choices as readonly string[]) : [] })),
    { flag: 'memory-limit-gb', kind: 'number', choices: [] },
  ];
  const override = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...fields).chain((f) => flagValue(f.flag, f.kind, f.choices, c.paths)) },
    { weight: 1, arbitrary: fc.constantFrom<string[]>(['--bogus', '1'], ['stray'], ['--m'], ['--json'], ['--quiet'], ['--m=3'], ['--=']) },
  );
  return fc.array(override, { minLength: 1, maxLength: c.maxFlags ?? 3 }).map((overrides) => {
    const base = new Map(Object.entries(BASE_CELL).map(([k, v]) => [`--${k}`, [`--${k}`, v]]));
    const extra: string[][] = [];
    for (const o of overrides) {
      if (o[0]!.startsWith('--') && base.has(o[0]!)) base.set(o[0]!, o);
      else extra.push(o);
    }
    return ['cell', ...[...base.values()].flat(), ...extra.flat(), '--quiet'];
  });
}

function profileArgs(c: CliArgsConstraints): fc.Arbitrary<string[]> {
  const out = fc.constantFrom(`${c.paths.scratch}/out`, `${c.paths.scratch}/out`, '/proc/srl-fuzz', `${c.paths.plainFile}/sub`);
  const extra = fc.subarray(
    [
      ['--golden-dir', `${c.paths.scratch}/no-goldens`],
      ['--cifar-file', 'nope.bin'],
      ['--memory-limit-gb', '1e-6'],
      ['--workers', '2'],
      ['--figure', 'nope'],
      ['--profile', 'tiny'],
    ],
    { maxLength: 2 },
  );
  return fc.tuple(out, extra).map(([o, e]) => ['--profile', 'smoke', '--figure', 'fig1-planted-2layers', '--out', o, ...e.flat(), '--quiet']);
}

export function cliArgs(c: CliArgsConstraints): fc.Arbitrary<string[]> {
  return fc.oneof({ weight: 4, arbitrary: cellArgs(c) }, { weight: 1, arbitrary: profileArgs(c) });
}
