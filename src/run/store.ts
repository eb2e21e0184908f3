// Content-addressed result store: one JSON file per finished cell, named by its key (the hash of its
// config, salted with the code version and the content hash of its data files).
// - Every read is verified: JSON, the record schema, its key, its config, its code version, its data
//   digest and its own digest. A record that fails is reported (file, why), moved to quarantine/ and
//   recomputed: nothing corrupt or stale is reused.
// - Writes go to a temporary file with a name unique to the writer (host, pid, thread, random) and are
//   renamed: a killed run leaves only whole records. A starting run removes only temporary files whose
//   writer is dead (same host) or that are older than a day.
// - Claims: a run claims a cell (an exclusive `<key>.claim` file) before computing it, so two runs on
//   one store neither crash nor compute the same cell twice; a dead owner's claim is taken over.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CellConfig } from '../config/cell-config.js';
import { canonicalJson } from '../config/hash.js';
import { effectiveConfig } from '../tasks/applicability.js';
import { dataDigest } from '../tasks/data-files.js';
import { removeStaleTemps, writeFileAtomic } from './atomic.js';
import { ioError } from './io-error.js';
import { describeHolder, holderAlive, pidAlive, thisHolder, type Holder } from './liveness.js';
import { CODE_VERSION, recordDigestOf, storeKey, type CellRecord } from './record.js';
import { recordSchemaProblem } from './record-schema.js';

export { HOST_TAG } from './atomic.js';

export interface StoreProblem {
  file: string;
  why: string;
  /** where the bad record went (null: it was replaced by this run's record) */
  movedTo: string | null;
}

/** Why `obj` is not a valid record of this cell under `key`, or null: the record schema, its key, code
 *  version, config, data digest and own digest. Used for every store read and every record a queue worker
 *  returns. */
export function recordProblem(obj: unknown, cfg: CellConfig, key: string): string | null {
  const schema = recordSchemaProblem(obj);
  if (schema) return `not a record (${schema})`;
  const rec = obj as CellRecord;
  if (rec.configHash !== key) return `its key is ${rec.configHash}, the cell's is ${key}`;
  if (rec.codeVersion !== CODE_VERSION) return `computed by code ${rec.codeVersion}, this is ${CODE_VERSION}`;
  if (canonicalJson(rec.config) !== canonicalJson(effectiveConfig(cfg))) return "its config differs from the cell's";
  if (rec.dataDigest !== dataDigest(cfg)) return `its data digest ${rec.dataDigest} differs from the data files' ${dataDigest(cfg)}`;
  if (rec.recordDigest !== recordDigestOf(rec)) return 'its content does not match its recordDigest (edited after it was written?)';
  return null;
}

export class ResultStore {
  readonly problems: StoreProblem[] = [];
  private readonly claimed = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly onProblem: (p: StoreProblem) => void = () => {},
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw ioError(e, dir, 'cannot create the result store');
    }
    // what dead runs left: temporary files, and claims (a run killed after writing a record, before releasing its claim)
    removeStaleTemps(dir, pidAlive);
    for (const f of readdirSync(dir)) if (f.endsWith('.claim') && this.claimIsStale(join(dir, f))) rmSync(join(dir, f), { force: true });
  }

  static key(cfg: CellConfig): string {
    return storeKey(cfg, dataDigest(cfg));
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /** Why the file is not a valid record of this cell, or null. */
  private problemWith(file: string, cfg: CellConfig, key: string): { why: string } | { record: CellRecord } {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { why: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { why: `not JSON (${(e as Error).message})` };
    }
    const why = recordProblem(obj, cfg, key);
    return why ? { why } : { record: obj as CellRecord };
  }

  /** Moves a bad record aside and reports it. */
  private quarantine(file: string, why: string): void {
    const qdir = join(this.dir, 'quarantine');
    try {
      mkdirSync(qdir, { recursive: true });
    } catch (e) {
      throw ioError(e, qdir, `cannot move the bad record ${file} aside (${why}); move ${qdir} away`);
    }
    const movedTo = join(qdir, `${file.split(/[\\/]/).pop()}.${new Date().toISOString().replace(/[:.]/g, '-')}.${randomBytes(2).toString('hex')}`);
    try {
      renameSync(file, movedTo);
    } catch {
      rmSync(file, { recursive: true, force: true });
    }
    const p = { file, why, movedTo };
    this.problems.push(p);
    this.onProblem(p);
  }

  /** Whether a record file exists for this cell, unread and unverified: for estimates only (what is left to
   *  compute); every read goes through get(), which verifies. */
  present(cfg: CellConfig): boolean {
    return existsSync(this.path(ResultStore.key(cfg)));
  }

  /** The stored, verified record of this cell, or null (absent, or bad: then reported and moved aside). */
  get(cfg: CellConfig): CellRecord | null {
    const key = ResultStore.key(cfg);
    const file = this.path(key);
    if (!existsSync(file)) return null;
    const r = this.problemWith(file, cfg, key);
    if ('record' in r) return r.record;
    this.quarantine(file, r.why);
    return null;
  }

  /** Reports a valid-looking record that this run's recomputation replaces (put() writes the new one). */
  replaced(cfg: CellConfig, why: string): void {
    const p = { file: this.path(ResultStore.key(cfg)), why, movedTo: null };
    this.problems.push(p);
    this.onProblem(p);
  }

  put(rec: CellRecord): void {
    writeFileAtomic(this.path(rec.configHash), JSON.stringify(rec) + '\n');
    this.release(rec.config);
  }

  private claimPath(cfg: CellConfig): string {
    return join(this.dir, `${ResultStore.key(cfg)}.claim`);
  }

  /** Claims the cell for this run; false when a live run holds it. A dead owner's claim is taken over. */
  claim(cfg: CellConfig): boolean {
    const file = this.claimPath(cfg);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        this.claimed.add(file);
        try {
          writeSync(fd, JSON.stringify(thisHolder()));
        } finally {
          closeSync(fd);
        }
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          if (this.claimed.delete(file)) rmSync(file, { force: true });
          throw ioError(e, this.dir, 'cannot write a claim');
        }
      }
      if (!this.claimIsStale(file)) return false;
      rmSync(file, { force: true });
    }
    return false;
  }

  private claimIsStale(file: string): boolean {
    try {
      const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
      return !holderAlive(c, statSync(file).mtimeMs);
    } catch {
      // half-written or vanished: stale once it is a few seconds old
      try {
        return Date.now() - statSync(file).mtimeMs > 5000;
      } catch {
        return true;
      }
    }
  }

  /** Who holds a cell's claim ("pid 123 (since …)"), or null. */
  claimOwner(cfg: CellConfig): string | null {
    try {
      return describeHolder(JSON.parse(readFileSync(this.claimPath(cfg), 'utf8')) as Partial<Holder>);
    } catch {
      return null;
    }
  }

  release(cfg: CellConfig): void {
    const file = this.claimPath(cfg);
    if (this.claimed.delete(file)) rmSync(file, { force: true });
  }

  /** Releases every claim this store object holds (a run that ends early). */
  releaseAll(): void {
    for (const f of this.claimed) rmSync(f, { force: true });
    this.claimed.clear();
  }
}
