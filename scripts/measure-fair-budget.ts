// Measures, per figure, a training budget under which IMP learns (the fair protocol's budget): the fair IMP
// cell at the quick grid's largest m and largest s (the planted tasks plant s weights, so s must be one of the
// grid's), seed 0, under candidate budgets from cheapest to dearest; the first whose score clears the
// trivial predictor by the clear margin wins.
// Prints one line per candidate and the chosen budget per figure:
// `npx tsx scripts/measure-fair-budget.ts [--at largest|median] [FIGURE ...]`.
import { CELL_FIELDS, type CellConfig } from '../src/config/cell-config.js';
import { defaults, validateConfig } from '../src/config/fields.js';
import { FIGURES } from '../src/experiments/figures.js';
import { runCell } from '../src/run/run-cell.js';
import { prepareCell, TASK_REGISTRY } from '../src/tasks/registry.js';
import { trivialMargin } from '../src/claims/trivial.js';

// optional: the figures to measure (default: every figure with IMP); --at median measures the grid's median m and s
const args = process.argv.slice(2);
const at = args.includes('--at') ? args[args.indexOf('--at') + 1]! : 'largest';
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--at');
const figures = FIGURES.filter((f) => f.sweep('quick').methods.includes('imp') && (only.length === 0 || only.includes(f.id)));
const pickOf = (v: readonly number[]) => (at === 'median' ? [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]! : Math.max(...v));
const hooks = await prepareCell({ method: 'imp', backend: 'auto' });
for (const fig of figures) {
  const spec = fig.sweep('quick');
  const base = validateConfig(
    CELL_FIELDS,
    { ...defaults(CELL_FIELDS), ...spec.base, method: 'imp', impProtocol: 'fair', m: pickOf(spec.m), s: pickOf(spec.s), seed: 0 },
    fig.id,
  );
  const rows = TASK_REGISTRY[base.task].shape(base).n;
  const candidates: Array<Partial<CellConfig>> = [
    {},
    { learningRate: 1e-2 },
    { batch: batchOf(rows, 10), learningRate: 1e-2 },
    { batch: batchOf(rows, 10), epochs: base.epochs * 3, learningRate: 1e-2 },
    { batch: batchOf(rows, 20), epochs: base.epochs * 3, learningRate: 3e-3 },
  ];
  let chosen: Partial<CellConfig> | null = null;
  for (const c of candidates) {
    const cfg: CellConfig = { ...base, ...c };
    const t0 = process.cpuUsage();
    const r = runCell(cfg, undefined, hooks);
    const cpu = (process.cpuUsage(t0).user + process.cpuUsage(t0).system) / 1e6;
    const margin = trivialMargin(fig.metric, r);
    const ok = margin !== null && margin.margin >= margin.needed;
    console.log(
      `${fig.id}\tbatch ${cfg.batch}\tepochs ${cfg.epochs}\tlr ${cfg.learningRate}\t${fig.metric} ${r[fig.metric]?.toFixed(3)}\ttrivial ${margin?.trivial.toFixed(3)}\t${cpu.toFixed(1)} CPU-s\t${ok ? 'learns' : 'no better than trivial'}`,
    );
    if (ok) {
      chosen = c;
      break;
    }
  }
  console.log(
    `=> ${fig.id}: ${chosen ? JSON.stringify({ batch: base.batch, epochs: base.epochs, learningRate: base.learningRate, ...chosen }) : 'none of the candidates learns'}`,
  );
}

function batchOf(rows: number, parts: number): number {
  return Math.ceil(rows / parts);
}
