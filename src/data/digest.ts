// Content hashes of the data files a cell reads, so a store key changes when a file's content does
// (same path, new content → new key). Each file is hashed once per process.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellConfig } from '../config/cell.js';
import { STAND_IN_FILE } from './cifar.js';
import { DataFileError } from './idx.js';
import { mnistDataDir } from './mnist.js';

export const MNIST_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;

/** The files a cell of this config reads (none for generated data). */
export function dataFiles(cfg: Pick<CellConfig, 'task' | 'cifarFile'>): string[] {
  if (cfg.task === 'binary-mnist' || cfg.task === 'mnist' || cfg.task === 'inr-mnist') return MNIST_FILES.map((f) => join(mnistDataDir(), f));
  if (cfg.task === 'inr-image') return [cfg.cifarFile || STAND_IN_FILE];
  return [];
}

const digests = new Map<string, string>();

/** sha256 of a file's content (hex), read once per process. */
export function fileDigest(file: string): string {
  let d = digests.get(file);
  if (d === undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new DataFileError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    d = createHash('sha256').update(bytes).digest('hex');
    digests.set(file, d);
  }
  return d;
}

/** One hash over the contents of every file the cell reads (16 hex digits), or null when it reads none. */
export function dataDigest(cfg: Pick<CellConfig, 'task' | 'cifarFile'>): string | null {
  const files = dataFiles(cfg);
  if (files.length === 0) return null;
  const h = createHash('sha256');
  for (const f of files) h.update(fileDigest(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}
