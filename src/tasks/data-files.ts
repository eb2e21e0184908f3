// The data files each task reads, and one content hash over them (a cell's store key includes it).
import { join } from 'node:path';
import type { CellConfig } from '../config/cell-config.js';
import { STAND_IN_FILE } from '../data/cifar.js';
import { digestOfFiles } from '../data/digest.js';
import { mnistDataDir } from '../data/mnist-files.js';

const MNIST_FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;

/** The files a cell of this config reads (none for generated data). */
function dataFiles(cfg: Pick<CellConfig, 'task' | 'cifarFile'>): string[] {
  if (cfg.task === 'binary-mnist' || cfg.task === 'mnist' || cfg.task === 'inr-mnist') return MNIST_FILES.map((f) => join(mnistDataDir(), f));
  if (cfg.task === 'inr-image') return [cfg.cifarFile || STAND_IN_FILE];
  return [];
}

/** One hash over the contents of every file the cell reads (16 hex digits), or null when it reads none. */
export const dataDigest = (cfg: Pick<CellConfig, 'task' | 'cifarFile'>): string | null => digestOfFiles(dataFiles(cfg));
