// Which cell flags a cell reads, from what its task and its method declare (task.ts, method.ts). A flag
// given on the command line that the cell does not read is an error naming it (so two runs that compute
// the same thing cannot differ only by an ignored flag); fields no task or method declares are read by
// every cell (task, method, m, s, epochs, seed, streams).
import { CELL_FIELDS, type CellConfig } from '../config/cell-config.js';
import { defaults } from '../config/fields.js';
import { nonDefaultFields } from '../config/hash.js';
import { METHODS, TASKS, type MethodName, type TaskName } from '../config/names.js';
import { METHOD_REGISTRY, TASK_REGISTRY } from './registry.js';
import type { CellField } from './task.js';

/** Whether a cell of this task and method reads `field` (undefined pairs, refused by admission, read what their parts declare). */
function reads(field: CellField, task: TaskName, method: MethodName): boolean {
  const t = TASK_REGISTRY[task];
  const m = METHOD_REGISTRY[method];
  return (
    t.fields.includes(field) ||
    (t.methodFields?.[method]?.includes(field) ?? false) ||
    m.fields.includes(field) ||
    (t.form === 'network' && m.networkFields.includes(field))
  );
}

const declared = new Set<CellField>([
  ...TASKS.flatMap((t) => [...TASK_REGISTRY[t].fields, ...Object.values(TASK_REGISTRY[t].methodFields ?? {}).flat()]),
  ...METHODS.flatMap((m) => [...METHOD_REGISTRY[m].fields, ...METHOD_REGISTRY[m].networkFields]),
]);

/** Read by every cell. */
const universal = (field: CellField) => !declared.has(field);

/** Why `field` does not apply to this cell, or null when it does. */
export function inapplicable(field: CellField, cfg: Pick<CellConfig, 'task' | 'method'>): string | null {
  if (universal(field) || reads(field, cfg.task, cfg.method)) return null;
  const tasks = TASKS.filter((t) => METHODS.some((m) => reads(field, t, m)));
  if (!tasks.includes(cfg.task)) return `applies to --task ${tasks.join('|')}, not ${cfg.task}`;
  const methods = METHODS.filter((m) => reads(field, cfg.task, m));
  return `applies to --method ${methods.join('|')}, not ${cfg.method}`;
}

const DEFAULTS = defaults(CELL_FIELDS);

/** The config as the cell reads it: every field it does not read at its default. A record stores this, and
 *  the cell runs on it, so a field the cell does not read cannot reach its result. */
export function effectiveConfig(cfg: CellConfig): CellConfig {
  const out = { ...cfg } as Record<CellField, unknown>;
  for (const f of Object.keys(CELL_FIELDS) as CellField[]) if (!universal(f) && !reads(f, cfg.task, cfg.method)) out[f] = DEFAULTS[f];
  return out as CellConfig;
}

/** What makes a cell what it is, for its hash: task and method, and the fields it reads that differ from
 *  their defaults (open_lth's rule). An IMP-only knob on an IHT cell, or a new flag at its default, leaves
 *  the hash as it was. Changing a default changes what the hash stands for: the code version (a key's salt)
 *  changes with it, and a golden file's values would drift. */
export const keyedFields = (cfg: CellConfig): Partial<CellConfig> => nonDefaultFields(effectiveConfig(cfg), CELL_FIELDS, ['task', 'method']);
