// Admission of a cell before anything is allocated: combinations of task and method that are not
// defined, flags that do not apply (when the user gave them), and a memory guard that refuses a cell
// whose predicted allocations exceed a limit, naming the flags that drive them. The model counts the
// large arrays each task and method allocates (the small ones are in the "base" term).
import { totalmem } from 'node:os';
import { inapplicable } from '../config/applicability.js';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import { DENSE_MAX_ENTRIES } from '../lifted/dense.js';

/** Fixed-size data of the dataset tasks (rows × features, float64 after loading, with the raw files). */
const DATASET_BYTES: Partial<Record<CellConfig['task'], number>> = {
  'binary-mnist': 2 * 12000 * 784 * 8 + 55e6,
  mnist: 2 * 60000 * 784 * 8 + 55e6,
  'inr-mnist': 784 * 1500 * 8 + 55e6,
  'inr-image': 3072 * 1500 * 8,
};
/** Largest typed array V8 allocates here (elements). */
const MAX_ARRAY_ELEMENTS = 2 ** 31 - 1;
const BASE_BYTES = 300 * 2 ** 20;

/** Rows, features and outputs the lifted operator or the network sees (planted: the flags; datasets: fixed). */
function taskShape(c: CellConfig): { n: number; d: number; k: number } {
  if (c.task === 'planted') return { n: c.n, d: c.d, k: c.outDim };
  if (c.task === 'gaussian') return { n: c.n, d: 1, k: 1 };
  const n = c.task === 'mnist' ? 50000 : c.task === 'binary-mnist' ? 10000 : c.task === 'inr-mnist' ? 784 : 3072;
  return { n, d: c.task.startsWith('inr') ? 1500 : 784, k: c.task === 'mnist' ? 10 : 1 };
}

interface MemoryTerm {
  what: string;
  /** the flags that drive it, as a product */
  flags: string;
  elements: number;
  bytesPerElement: number;
}

/** The large arrays a cell allocates (an order-of-magnitude estimate that errs high). */
function memoryTerms(c: CellConfig): MemoryTerm[] {
  const t: MemoryTerm[] = [];
  const dictionary = c.method === 'iht-theory' && c.task === 'planted' ? c.m + c.extraGenerators : c.m;
  if (c.task === 'planted') {
    t.push({ what: 'planted inputs X', flags: '--n·--d', elements: c.n * c.d, bytesPerElement: 4 + 8 });
    t.push({ what: 'labels, predictions and residuals', flags: '--n·--out-dim', elements: c.n * c.outDim, bytesPerElement: 4 * 8 });
    t.push({
      what: 'planted weights',
      flags: '--m·(--d + --m·(--layers − 1) + --out-dim)',
      elements: c.m * (c.d + c.m * (c.layers - 1) + c.outDim),
      bytesPerElement: 8,
    });
  } else if (c.task === 'gaussian') {
    t.push({ what: 'measurements and iterates', flags: '--n + --m', elements: c.n + c.m, bytesPerElement: 6 * 8 });
  }
  const { n, d, k } = taskShape(c);
  if (c.method !== 'imp' && c.task !== 'gaussian') {
    t.push({
      what: 'lifted generators and gates',
      flags: c.method === 'iht-theory' ? '(--m + --extra-generators)·(--n + --d)' : '--m·(--n + --d)',
      elements: dictionary * (n + d),
      bytesPerElement: 8,
    });
    t.push({
      what: 'gradient and iterate blocks',
      flags: c.method === 'iht-theory' ? '(--m + --extra-generators)·--d' : '--m·--d·--out-dim',
      elements: dictionary * d * k,
      bytesPerElement: 3 * 8,
    });
    if (c.kernel === 'dense') t.push({ what: 'dense lifted matrix', flags: '--n·--m·--d', elements: n * dictionary * d, bytesPerElement: 8 });
  }
  if (c.method !== 'imp')
    t.push({
      what: 'sparse iterate and candidates (capacity s)',
      flags: c.method === 'iht-theory' ? 'max(--s, --s-tilde)' : '--s',
      elements: Math.max(c.s, c.sTilde),
      bytesPerElement: 3 * (4 + 8),
    });
  if (c.method === 'imp') {
    const params = d * c.m + c.m * c.m * (c.layers - 1) + c.m * k;
    t.push({
      what: 'IMP parameters, θ₀, masks, gradients and Adam moments',
      flags: '--m·(d + --m·(--layers − 1) + --out-dim)',
      elements: params,
      bytesPerElement: 8 * 4,
    });
    const rows = c.task === 'planted' ? (c.batch > 0 ? c.batch : c.n) : 60000;
    t.push({ what: 'IMP activations', flags: '--n (or --batch)·--m·--layers', elements: rows * c.m * c.layers, bytesPerElement: 3 * 4 });
  }
  const data = DATASET_BYTES[c.task];
  if (data) t.push({ what: `${c.task} data`, flags: '(fixed)', elements: data / 8, bytesPerElement: 8 });
  return t;
}

export function predictedBytes(c: CellConfig): number {
  return BASE_BYTES + memoryTerms(c).reduce((a, x) => a + x.elements * x.bytesPerElement, 0);
}

const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** The default memory limit: this machine's memory. */
const defaultMemoryLimit = (): number => totalmem();

/** Task × method combinations and option combinations that are not defined. */
function comboProblem(c: CellConfig): ConfigError | null {
  if (c.task === 'gaussian' && c.method === 'imp')
    return new ConfigError(
      '--method',
      "--method imp is not defined for --task gaussian (a sensing problem, not a network; the reference's README says IMP but its code runs AIHT)",
    );
  if (c.method === 'iht-theory' && c.task !== 'planted' && c.task !== 'gaussian')
    return new ConfigError('--method', `--method iht-theory needs a planted ground truth; --task ${c.task} has none`);
  if (c.method === 'iht-theory' && c.task === 'planted' && (c.layers !== 1 || c.outDim !== 1))
    return new ConfigError('--method', 'iht-theory covers one hidden layer with scalar output (--layers 1 --out-dim 1), as Theorem 1 does');
  if (c.task === 'planted' && c.weights !== 'gaussian') {
    if (c.layers !== 1 || c.outDim !== 1)
      return new ConfigError('--weights', `--weights ${c.weights} (Assumption 1) is defined for one hidden layer with scalar output (--layers 1 --out-dim 1)`);
    const sPrime = Math.min(c.d, c.sPrime > 0 ? c.sPrime : Math.max(1, Math.floor(c.s / c.m)));
    if (c.sPrime > c.d) return new ConfigError('--s-prime', `--s-prime ${c.sPrime} exceeds --d ${c.d}`);
    // distinct units need at least m patterns: C(d, s′)·(2^s′ for signs) ≥ m
    let patterns = 1;
    for (let i = 0; i < sPrime && patterns < c.m; i++) patterns = (patterns * (c.d - i)) / (i + 1);
    if (c.weights === 'sign') patterns *= 2 ** Math.min(sPrime, 60);
    if (patterns < c.m)
      return new ConfigError('--m', `--m ${c.m} distinct units with s′ = ${sPrime} nonzeros in --d ${c.d} do not exist (${Math.round(patterns)} patterns)`);
  }
  if (c.kernel === 'dense' && c.method !== 'imp' && c.task !== 'gaussian') {
    const { n, d } = taskShape(c);
    const blocks = c.method === 'iht-theory' ? c.m + c.extraGenerators : c.m;
    if (n * blocks * d > DENSE_MAX_ENTRIES)
      return new ConfigError(
        '--kernel',
        `--kernel dense refuses n·m·d = ${n}·${blocks}·${d} = ${n * blocks * d} entries (limit ${DENSE_MAX_ENTRIES}); use --kernel streaming`,
      );
  }
  return null;
}

/**
 * Throws a ConfigError (exit 2) when the cell cannot or should not run: an undefined combination, a
 * given flag that does not apply, or predicted memory above `memoryLimit` bytes.
 */
export function admitCell(c: CellConfig, o: { given?: ReadonlySet<string>; memoryLimit?: number; where?: string } = {}): void {
  const where = o.where ? `${o.where}: ` : '';
  for (const field of o.given ?? []) {
    const why = inapplicable(field as keyof CellConfig, c);
    if (why) throw new ConfigError(flagName(field), `${where}a flag given for this cell does not apply to it: ${flagName(field)} ${why}`);
  }
  const combo = comboProblem(c);
  if (combo) throw new ConfigError(combo.field, `${where}${combo.message}`);
  const terms = memoryTerms(c);
  const big = terms.find((x) => x.elements > MAX_ARRAY_ELEMENTS);
  if (big)
    throw new ConfigError(
      big.flags,
      `${where}the ${big.what} would need ${big.flags} = ${big.elements.toExponential(2)} elements in one array (at most ${MAX_ARRAY_ELEMENTS}); lower ${big.flags}`,
    );
  const limit = o.memoryLimit && o.memoryLimit > 0 ? o.memoryLimit : defaultMemoryLimit();
  const bytes = predictedBytes(c);
  if (bytes > limit) {
    const top = [...terms].sort((a, b) => b.elements * b.bytesPerElement - a.elements * a.bytesPerElement)[0]!;
    throw new ConfigError(
      top.flags,
      `${where}the cell would need about ${gb(bytes)}, more than the memory limit ${gb(limit)} (--memory-limit-gb; default: this machine's memory); most of it is the ${top.what}, ${top.flags} = ${top.elements.toExponential(2)} elements`,
    );
  }
}

/** camelCase field → --kebab-flag */
const flagName = (field: string) => `--${(CELL_FIELDS as Record<string, { flag: string }>)[field]?.flag ?? field}`;
