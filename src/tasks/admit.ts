// Admission of a cell before anything is allocated: combinations of task and method that are not
// defined, flags that do not apply (when the user gave them), and a memory guard that refuses a cell
// whose predicted allocations exceed a limit, naming the flags that drive them. The model counts the
// large arrays each task and method declares (the small ones are in the "base" term).
import { totalmem } from 'node:os';
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { ConfigError } from '../config/fields.js';
import { inapplicable } from './applicability.js';
import { METHOD_REGISTRY, TASK_REGISTRY } from './registry.js';
import type { MemoryTerm } from './task.js';

/** Largest typed array V8 allocates here (elements). */
const MAX_ARRAY_ELEMENTS = 2 ** 31 - 1;
const BASE_BYTES = 300 * 2 ** 20;

/** The large arrays a cell allocates (an order-of-magnitude estimate that errs high): its task's data and
 *  its method's working arrays. */
function memoryTerms(c: CellConfig): MemoryTerm[] {
  const task = TASK_REGISTRY[c.task];
  return [...task.memory(c), ...METHOD_REGISTRY[c.method].memory(c, task.shape(c), task)];
}

export function predictedBytes(c: CellConfig): number {
  return BASE_BYTES + memoryTerms(c).reduce((a, x) => a + x.elements * x.bytesPerElement, 0);
}

const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

/** The default memory limit: this machine's memory. */
const defaultMemoryLimit = (): number => totalmem();

/** Task × method combinations and option combinations that are not defined. */
function comboProblem(c: CellConfig): ConfigError | null {
  const task = TASK_REGISTRY[c.task];
  const notDefined = task.notDefined?.[c.method];
  if (notDefined) return new ConfigError('--method', notDefined);
  return task.check?.(c) ?? METHOD_REGISTRY[c.method].check?.(c, task.shape(c), task) ?? null;
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
