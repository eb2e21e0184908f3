// Reads and checks, once and before any cell runs, the data files a cell of this config will read: a
// missing, malformed or degenerate file is an input error naming it now, not a failure in a worker
// thread after an hour of other cells.
import type { CellConfig } from '../config/cell-config.js';
import { cifarInrImage, readCifar, requireNonConstant, standInImage } from '../data/cifar.js';
import { dataDigest } from './data-files.js';
import { officialMnist } from '../data/mnist-files.js';
import { inrMnistImage } from './inr.js';

export function checkTaskData(cfg: Pick<CellConfig, 'task' | 'cifarFile'>): void {
  if (cfg.task === 'binary-mnist' || cfg.task === 'mnist') officialMnist();
  if (cfg.task === 'inr-mnist') inrMnistImage();
  if (cfg.task === 'inr-image') {
    if (cfg.cifarFile)
      requireNonConstant(cifarInrImage(readCifar(cfg.cifarFile), 1000, cfg.cifarFile), cfg.cifarFile, 'element 1000 of the airplane/automobile test subset');
    else standInImage();
  }
  dataDigest(cfg); // hashed once here, reused by every cell of this process
}
