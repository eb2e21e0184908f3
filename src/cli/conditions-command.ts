import { CONDITIONS_FIELDS } from '../config/conditions.js';
import { CELL_FIELDS } from '../config/cell-config.js';
import { defaults, flagHelp, parseFlags } from '../config/fields.js';
import { GUARD_FIELDS, memoryLimitBytes } from '../config/guard.js';
import { admitCell } from '../tasks/admit.js';
import { allHold, measureConditions, type ConditionsReport, type Verdict } from '../conditions/measure.js';
import type { RestrictedEigs } from '../conditions/restricted-eigs.js';
import { markdownTable } from '../text/markdown-table.js';
import { PROGRAM, type Command } from './command.js';

const CONDITIONS_USAGE = `usage: ${PROGRAM} conditions [flags] [--json]

Measures the conditions of Theorem 1 on one planted instance (Gaussian data) and its fixed dictionary
(the m planted patterns plus --extra-generators random ones): coverage ε, separation γ, restricted
eigenvalues α, β of (1/n)·A_Sᵀ A_S (exact = every support enumerated; planted-support; sampled = an
estimate from the number of supports shown), κ = β/α, the projection size 32κ²s the theorem asks for,
and closed-form predictions under Gaussian data. A level too large to measure is reported as unknown.
Exit 0 when every condition holds (identifiable, coverage, separation, Theorem 1's), 1 when one does not or
is unknown, 2 on bad input. Theorem 1 asks s̃ ≥ 32κ²s: give --s-tilde to ask about a projection that large.

${flagHelp(CONDITIONS_FIELDS)}
${flagHelp(GUARD_FIELDS)}
  --json                   print the report as one JSON line`;

const num = (v: number | null) =>
  v === null
    ? 'unknown (not measured)'
    : Number.isFinite(v)
      ? Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
        ? v.toExponential(3)
        : v.toFixed(4)
      : String(v);
const how = (e: RestrictedEigs) =>
  e.method === 'exact'
    ? `exact, ${e.supports} supports enumerated`
    : e.method === 'sampled'
      ? `ESTIMATE from ${e.supports} sampled supports`
      : 'the planted support';

export function formatConditions(r: ConditionsReport): string {
  const c = r.config;
  const unknown = 'unknown (not measured)';
  const rows: Array<[string, string, string, string]> = [
    ['coverage ε = min tr(D_j)/n', num(r.coverage.measured), num(r.coverage.predicted), 'all live patterns'],
    [
      'separation γ = min Hamming/n',
      num(r.separation.measured),
      `${num(r.separation.predicted)} (min angle/π)`,
      `closest pair ${r.separation.closestPair?.join('–') ?? '—'}`,
    ],
    r.plantedSupport
      ? [`α on planted support (k = ${r.plantedSupport.k})`, num(r.plantedSupport.alpha), num(r.plantedSupport.predictedAlpha), 'closed-form E[(1/n)AᵀA]']
      : ['α on planted support', unknown, '', ''],
    r.plantedSupport
      ? ['β on planted support', num(r.plantedSupport.beta), num(r.plantedSupport.predictedBeta), '']
      : ['β on planted support', unknown, '', ''],
    r.identifiability
      ? [`α_2s, β_2s (k = ${r.identifiability.k})`, `${num(r.identifiability.alpha)}, ${num(r.identifiability.beta)}`, '', how(r.identifiability)]
      : ['α_2s, β_2s', unknown, '', ''],
    r.theorem
      ? [`α, β at 2s̃ + s (s̃ = ${r.theorem.sTilde}, k = ${r.theorem.k})`, `${num(r.theorem.alpha)}, ${num(r.theorem.beta)}`, '', how(r.theorem)]
      : ['α, β at 2s̃ + s', unknown, '', ''],
    ['κ = β/α at that level', num(r.kappa), '', ''],
    ['s̃ required by Theorem 1 (32κ²s)', num(r.sTildeRequired), '', `dictionary has ${r.liveCols} live columns`],
  ];
  const v = r.verdict;
  const basis = v.identifiable === 'unknown' ? '' : v.certified ? ' (certified: exact enumeration)' : ' (estimate: sampled supports — not a certificate)';
  const holds = (x: Verdict) => (x === 'yes' ? 'hold' : x === 'no' ? 'do not hold' : unknown);
  return [
    `instance: planted ${c.weights} weights, m = ${c.m}, s = ${c.s}, d = ${c.d}, n = ${c.n}, seed ${c.seed}; dictionary p = ${r.blocks} (${r.cols} columns, ${r.liveCols} live); planted nnz ${r.plantedNnz}`,
    '',
    markdownTable(['quantity', 'measured', 'predicted (Gaussian data)', 'how'], rows),
    ...(r.notMeasured ? ['', `not measured: ${r.notMeasured}`] : []),
    '',
    `identifiable (α_2s > 0): ${v.identifiable === 'unknown' ? unknown : v.identifiable}${basis}`,
    `coverage > 0: ${v.coverage}; separation > 0: ${v.separation}`,
    `Theorem 1's conditions (α > 0 at 2s̃ + s and s̃ ≥ 32κ²s): ${holds(v.theoremConditionsHold)}`,
  ].join('\n');
}

function conditionsCommand(argv: readonly string[]): number {
  const { config: parsed, extras } = parseFlags({ ...CONDITIONS_FIELDS, ...GUARD_FIELDS }, argv, ['json']);
  const { memoryLimitGb, ...config } = parsed;
  // the memory guard a cell has: the instance is a planted cell of the theorem form, and is admitted as one
  const { samples: _samples, enumerationLimit: _limit, ...cellFields } = config;
  admitCell(
    { ...defaults(CELL_FIELDS), ...cellFields, task: 'planted', method: 'iht-theory', labels: 'float64' },
    { memoryLimit: memoryLimitBytes({ memoryLimitGb }) },
  );
  const report = measureConditions(config);
  process.stdout.write((extras.has('json') ? JSON.stringify(report) : formatConditions(report)) + '\n');
  return allHold(report) ? 0 : 1;
}

export const command: Command = { usage: CONDITIONS_USAGE, run: conditionsCommand };
