// Implicit neural representations (SPEC §5.5–5.6): fit one image from Fourier features of its raw
// integer pixel coordinates; train = evaluation data; PSNR with peak 1.
import type { CellConfig } from '../config/cell.js';
import { cifarInrImage, readCifar, standInImage } from '../data/cifar.js';
import { cifarCoords, fourierFeatures, fourierMatrix, mnistCoords } from '../data/fourier.js';
import { officialMnist, referenceSplit } from '../data/mnist.js';
import type { Progress, TaskOutcome } from './outcome.js';
import { runSupervised, type SupervisedData } from './supervised.js';

/** The reference's image: element 1000 of the 10-class test array = the first test image of digit 1. */
export function inrMnistImage(): Float64Array {
  const { train, test } = officialMnist();
  const split = referenceSplit(train, test, [1], 5000, 1);
  return Float64Array.from(split.test.pixels, (v) => v / 255);
}

export function inrMnistData(seed: number): SupervisedData {
  const x = fourierFeatures(mnistCoords(), 2, fourierMatrix(seed, [2, 2]));
  const y = inrMnistImage();
  return { xTrain: x, yTrain: y, xEval: x, yEval: y, k: 1, metric: 'psnr', dataSource: 'MNIST test image: first "1" of the reference split' };
}

export function inrImageData(seed: number, cifarFile: string): SupervisedData {
  const x = fourierFeatures(cifarCoords(), 3, fourierMatrix(seed, [5, 5, 0.05]));
  const y = cifarFile ? cifarInrImage(readCifar(cifarFile)) : standInImage();
  const dataSource = cifarFile
    ? `CIFAR-10 ${cifarFile}: airplane/automobile test subset, element 1000`
    : 'STAND-IN image (not CIFAR-10): CC0 photo "chelsea" from scikit-image, 32×32 crop; see data/stand-in/PROVENANCE.md';
  return { xTrain: x, yTrain: y, xEval: x, yEval: y, k: 1, metric: 'psnr', dataSource };
}

export const runInrMnist = (cfg: CellConfig, progress?: Progress): TaskOutcome => runSupervised(cfg, inrMnistData(cfg.seed), progress);
export const runInrImage = (cfg: CellConfig, progress?: Progress): TaskOutcome => runSupervised(cfg, inrImageData(cfg.seed, cfg.cifarFile), progress);
