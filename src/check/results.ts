// Reading someone's results for `check`: cell records (one per file, an array, or JSON lines; a run's folder
// with its store/) or aggregates in the golden-file format. Everything read is validated: a file that is not
// JSON, a record that fails the record schema or its own digest, an aggregate that fails the golden schema
// is bad input naming the file (exit 2), never silently skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { CLAIMS_SCHEMA_ID } from '../claims/claims-file.js';
import { join } from 'node:path';
import { InputError } from '../config/input-error.js';
import { readGolden, type GoldenFile } from '../golden/golden.js';
import { recordDigestOf, type CellRecord } from '../run/record.js';
import { recordSchemaProblem } from '../run/record-schema.js';

export interface Results {
  records: Array<{ file: string; record: CellRecord }>;
  aggregates: Array<{ file: string; golden: GoldenFile }>;
}

const isAggregate = (obj: unknown): boolean => typeof obj === 'object' && obj !== null && 'schema' in obj && 'cells' in obj;

function addRecord(out: Results, file: string, obj: unknown, where: string): void {
  const problem = recordSchemaProblem(obj);
  if (problem) throw new InputError(file, `${where}: not a cell record (${problem})`);
  const record = obj as CellRecord;
  if (record.recordDigest !== recordDigestOf(record))
    throw new InputError(file, `${where}: its content does not match its recordDigest (edited after it was written?)`);
  out.records.push({ file, record });
}

function readFile(out: Results, file: string): void {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch (e) {
        throw new InputError(file, `${file}: line ${i + 1} is not JSON (${(e as Error).message})`);
      }
      addRecord(out, file, obj, `${file}: line ${i + 1}`);
    });
    return;
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `${file}: not valid JSON (${(e as Error).message})`);
  }
  // a run's verdicts on the paper's claims (claims.json beside its records) are not results to compare
  if ((obj as { schema?: unknown } | null)?.schema === CLAIMS_SCHEMA_ID) return;
  if (isAggregate(obj)) out.aggregates.push({ file, golden: readGolden(file) });
  else if (Array.isArray(obj)) obj.forEach((r, i) => addRecord(out, file, r, `${file}[${i}]`));
  else addRecord(out, file, obj, file);
}

/** JSON files under a folder (not its quarantine/, which holds records the store refused). */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !(e.isDirectory() && e.name === 'quarantine'))
    .flatMap((e) => (e.isDirectory() ? jsonFiles(join(dir, e.name)) : /\.jsonl?$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** The results at `path`: a file, or every JSON file under a folder (a run's --out folder included). */
export function readResults(path: string): Results {
  if (!existsSync(path)) throw new InputError(path, `--results ${path}: no such file or folder`);
  const out: Results = { records: [], aggregates: [] };
  const files = statSync(path).isDirectory() ? jsonFiles(path) : [path];
  for (const f of files) readFile(out, f);
  if (out.records.length === 0 && out.aggregates.length === 0) throw new InputError(path, `--results ${path}: holds no cell record and no aggregate`);
  return out;
}
