// Content-addressed result store: one JSON file per finished cell, named by the hash of its canonical
// config plus the code-version salt. Files are written to a temporary name and renamed, so a killed
// sweep leaves only whole records behind (and stray *.tmp files, which are ignored and cleaned).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CellConfig } from '../config/cell.js';
import { configHash } from '../config/hash.js';
import { writeFileAtomic } from './atomic.js';
import { CODE_VERSION, type CellRecord } from './record.js';

export class ResultStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
  }

  static key(cfg: CellConfig): string {
    return configHash(cfg, CODE_VERSION);
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  has(cfg: CellConfig): boolean {
    return existsSync(this.path(ResultStore.key(cfg)));
  }

  /** The stored record, or null. A corrupt file is an error naming it (delete it to recompute). */
  get(cfg: CellConfig): CellRecord | null {
    const file = this.path(ResultStore.key(cfg));
    if (!existsSync(file)) return null;
    let rec: CellRecord;
    try {
      rec = JSON.parse(readFileSync(file, 'utf8')) as CellRecord;
    } catch (e) {
      throw new Error(`${file}: corrupt stored result (${(e as Error).message}); delete it to recompute the cell`);
    }
    if (rec.configHash !== ResultStore.key(cfg)) throw new Error(`${file}: stored record has hash ${rec.configHash}, expected ${ResultStore.key(cfg)}`);
    return rec;
  }

  put(rec: CellRecord): void {
    writeFileAtomic(this.path(rec.configHash), JSON.stringify(rec) + '\n');
  }
}
