// Typed field specifications: one table per experiment config is the single source of the CLI
// flags, their validation and help text, the JSON Schema of the config, and the record keys.

interface Base<T> {
  /** kebab-case flag name, without the leading -- */
  flag: string;
  description: string;
  default: T;
}
interface IntField extends Base<number> {
  kind: 'int';
  min: number;
  max?: number;
}
interface NumberField extends Base<number> {
  kind: 'number';
  min: number;
  max?: number;
  exclusiveMin?: boolean;
}
interface BoolField extends Base<boolean> {
  kind: 'bool';
}
interface EnumField<C extends string = string> extends Base<C> {
  kind: 'enum';
  choices: readonly C[];
}
interface StringField extends Base<string> {
  kind: 'string';
}
export type Field = IntField | NumberField | BoolField | EnumField | StringField;

type ValueOf<F> = F extends BoolField ? boolean : F extends EnumField<infer C> ? C : F extends StringField ? string : number;
export type ConfigOf<T extends Record<string, Field>> = { -readonly [K in keyof T]: ValueOf<T[K]> };

import { InputError } from './input-error.js';

export class ConfigError extends InputError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(field, message);
    this.name = 'ConfigError';
  }
}

export function defaults<T extends Record<string, Field>>(fields: T): ConfigOf<T> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) out[k] = f.default;
  return out as ConfigOf<T>;
}

/** Validate one value against its field; `where` names it in the error (e.g. "--m" or "config.m"). */
function checkValue(f: Field, value: unknown, where: string): void {
  switch (f.kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw new ConfigError(where, `${where} must be true or false, got ${JSON.stringify(value)}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !f.choices.includes(value))
        throw new ConfigError(where, `${where} must be one of ${f.choices.join(', ')}; got ${JSON.stringify(value)}`);
      return;
    case 'string':
      if (typeof value !== 'string') throw new ConfigError(where, `${where} must be a string, got ${JSON.stringify(value)}`);
      return;
    case 'int':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new ConfigError(where, `${where} must be a finite number, got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`);
      if (f.kind === 'int' && !Number.isInteger(value)) throw new ConfigError(where, `${where} must be an integer, got ${value}`);
      if (f.kind === 'int' && !Number.isSafeInteger(value))
        throw new ConfigError(where, `${where} is too large: ${value} (integers up to 2^53 − 1; sizes are limited further by the memory guard)`);
      const low = f.kind === 'number' && f.exclusiveMin ? value <= f.min : value < f.min;
      if (low) throw new ConfigError(where, `${where} must be ${f.kind === 'number' && f.exclusiveMin ? '>' : '≥'} ${f.min}, got ${value}`);
      if (f.max !== undefined && value > f.max) throw new ConfigError(where, `${where} must be ≤ ${f.max}, got ${value}`);
      return;
    }
  }
}

function parseText(f: Field, text: string, where: string): unknown {
  switch (f.kind) {
    case 'bool':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new ConfigError(where, `${where} takes true or false, got '${text}'`);
    case 'enum':
    case 'string':
      return text;
    default: {
      if (text.trim() === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim()))
        throw new ConfigError(where, `${where} must be a number, got '${text}'`);
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ConfigError(where, `${where} must be a finite number, got '${text}' (beyond float64's range)`);
      return value;
    }
  }
}

export interface ParsedFlags<C> {
  config: C;
  /** flags that are not config fields but were declared as extras (e.g. --json) */
  extras: Set<string>;
  /** config keys the arguments set (the rest are defaults) */
  given: Set<string>;
}

/**
 * Parse `--flag value`, `--flag=value` and bare boolean flags (`--convex`). Unknown flags, missing
 * values and invalid values raise a ConfigError naming the flag.
 */
export function parseFlags<T extends Record<string, Field>>(
  fields: T,
  argv: readonly string[],
  extraBooleans: readonly string[] = [],
): ParsedFlags<ConfigOf<T>> {
  const byFlag = new Map<string, [string, Field]>();
  for (const [k, f] of Object.entries(fields)) byFlag.set(f.flag, [k, f]);
  const config = defaults(fields) as Record<string, unknown>;
  const extras = new Set<string>();
  const seen = new Set<string>();
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(arg, `unexpected argument '${arg}' (flags start with --)`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const where = `--${name}`;
    if (seen.has(name)) throw new ConfigError(where, `${where} given twice`);
    seen.add(name);
    if (extraBooleans.includes(name)) {
      if (eq >= 0) throw new ConfigError(where, `${where} takes no value`);
      extras.add(name);
      continue;
    }
    const entry = byFlag.get(name);
    if (!entry) throw new ConfigError(where, `unknown flag ${where} (see --help)`);
    const [key, f] = entry;
    let text: string | undefined;
    if (eq >= 0) text = arg.slice(eq + 1);
    else if (f.kind === 'bool' && (i + 1 >= argv.length || argv[i + 1]!.startsWith('--'))) text = 'true';
    else {
      text = argv[++i];
      if (text === undefined) throw new ConfigError(where, `${where} needs a value`);
    }
    // a path, a URL or a list given as '' is a slip (a shell variable that was empty), not a request for the default
    if (f.kind === 'string' && text === '') throw new ConfigError(where, `${where} is empty; leave the flag out for its default`);
    const value = parseText(f, text, where);
    checkValue(f, value, where);
    config[key] = value;
    given.add(key);
  }
  return { config: config as ConfigOf<T>, extras, given };
}

/** Validate a whole config object (e.g. read from a file): unknown keys and bad values name the field. */
export function validateConfig<T extends Record<string, Field>>(fields: T, obj: unknown, where = 'config'): ConfigOf<T> {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new ConfigError(where, `${where} must be an object`);
  const out = defaults(fields) as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    const f = fields[k];
    if (!f) throw new ConfigError(`${where}.${k}`, `unknown field ${where}.${k}`);
    checkValue(f, v, `${where}.${k}`);
    out[k] = v;
  }
  return out as ConfigOf<T>;
}

/** JSON Schema (draft 2020-12) of a config described by `fields`. */
export function configSchema(fields: Record<string, Field>, title: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) {
    const p: Record<string, unknown> = { description: f.description, default: f.default };
    if (f.kind === 'bool') p.type = 'boolean';
    else if (f.kind === 'string') p.type = 'string';
    else if (f.kind === 'enum') p.enum = [...f.choices];
    else {
      p.type = f.kind === 'int' ? 'integer' : 'number';
      if (f.kind === 'number' && f.exclusiveMin) p.exclusiveMinimum = f.min;
      else p.minimum = f.min;
      if (f.max !== undefined) p.maximum = f.max;
    }
    properties[k] = p;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    type: 'object',
    additionalProperties: false,
    required: Object.keys(fields),
    properties,
  };
}

/** Help text: one line per flag with its default and description. */
export function flagHelp(fields: Record<string, Field>): string {
  return Object.values(fields)
    .map((f) => {
      const kind = f.kind === 'enum' ? f.choices.join('|') : f.kind;
      const shown = f.kind === 'string' && f.default === '' ? '(none)' : String(f.default);
      return `  --${f.flag.padEnd(22)} ${kind.padEnd(22)} default ${shown.padEnd(9)} ${f.description}`;
    })
    .join('\n');
}
