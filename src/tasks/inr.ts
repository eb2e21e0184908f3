// Implicit neural representations (SPEC §5.5–5.6): fit one image from Fourier features of its raw
// integer pixel coordinates; train = evaluation data; PSNR with peak 1.
import type { CellConfig } from '../config/cell-config.js';
import { cifarInrImage, readCifar, requireNonConstant, STAND_IN_FILE, standInImage } from '../data/cifar.js';
import { cifarCoords, fourierFeatures, fourierMatrix, mnistCoords } from '../data/fourier.js';
import { mnistFiles, officialMnist, referenceSplit } from '../data/mnist-files.js';
import { datasetProblem, datasetTask, type DatasetData } from './dataset-problem.js';

/** The reference's image: element 1000 of the 10-class test array = the first test image of digit 1. */
export function inrMnistImage(): Float64Array {
  const { train, test } = officialMnist();
  const split = referenceSplit(train, test, [1], 5000, 1);
  return Float64Array.from(split.test.pixels, (v) => v / 255);
}

/** The reference's INR loader: `torch.manual_seed(seed)`, always shuffled (even the full batch: its rows
 *  arrive in a permuted order), and its mini-batch path passes no seed to the generators (SPEC §3.7). */
export const inrLoader = (cfg: CellConfig) => ({ torchSeed: cfg.seed, shuffles: true, passesSeed: false });

/** Fourier features (σ = 2, float64 B) of the reference's MNIST image; train = evaluation data, pixel order. */
function inrMnistData(cfg: CellConfig): DatasetData {
  const x = fourierFeatures(mnistCoords(), 2, fourierMatrix(cfg.seed, [2, 2], { streams: cfg.streams, float32: false }));
  const y = inrMnistImage();
  return {
    xTrain: x,
    yTrain: y,
    xEval: x,
    yEval: y,
    k: 1,
    metric: 'psnr',
    dataSource: 'MNIST test image: first "1" of the reference split',
    loader: inrLoader(cfg),
    evaluatesTraining: true,
  };
}

/** Fourier features (σ = 5 spatial, 0.05 channel, float32 B as the reference stores it) of a colour image. */
function inrImageData(cfg: CellConfig): DatasetData {
  const x = fourierFeatures(cifarCoords(), 3, fourierMatrix(cfg.seed, [5, 5, 0.05], { streams: cfg.streams, float32: true }));
  const y = colourImage(cfg);
  const dataSource = cfg.cifarFile
    ? `CIFAR-10 ${cfg.cifarFile}: airplane/automobile test subset, element 1000`
    : 'STAND-IN image (not CIFAR-10): CC0 photo "chelsea" from scikit-image, 32×32 crop; see data/stand-in/PROVENANCE.md';
  return { xTrain: x, yTrain: y, xEval: x, yEval: y, k: 1, metric: 'psnr', dataSource, loader: inrLoader(cfg), evaluatesTraining: true };
}

/** INR-MNIST: 784 pixels, 1500 Fourier features; memory: the features and the MNIST files. */
export const inrMnistTask = datasetTask(
  {
    fields: [],
    shape: { n: 784, d: 1500, k: 1 },
    dataBytes: 784 * 1500 * 8 + 55e6,
    dataFiles: () => mnistFiles(),
    checkData: () => void inrMnistImage(),
    build: (cfg) => datasetProblem(inrMnistData(cfg)),
  },
  'inr-mnist',
);

/** The colour image: the --cifar-file's, checked to be not constant, or the shipped stand-in. */
function colourImage(cfg: Pick<CellConfig, 'cifarFile'>): Float64Array {
  if (!cfg.cifarFile) return standInImage();
  return requireNonConstant(cifarInrImage(readCifar(cfg.cifarFile), 1000, cfg.cifarFile), cfg.cifarFile, 'element 1000 of the airplane/automobile test subset');
}

/** INR on a 32×32 colour image: 3,072 values, 1500 Fourier features. */
export const inrImageTask = datasetTask(
  {
    fields: ['cifarFile'],
    shape: { n: 3072, d: 1500, k: 1 },
    dataBytes: 3072 * 1500 * 8,
    dataFiles: (cfg) => [cfg.cifarFile || STAND_IN_FILE],
    checkData: (cfg) => void colourImage(cfg),
    build: (cfg) => datasetProblem(inrImageData(cfg)),
  },
  'inr-image',
);
