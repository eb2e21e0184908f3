// CIFAR-10 binary format: records of 3073 bytes (label byte, then 1024 red, 1024 green, 1024 blue
// bytes, each plane row-major 32×32). Test split: test_batch.bin. Plus the shipped colour stand-in.
import { fileURLToPath } from 'node:url';
import { DataFileError, readDataFile } from './idx.js';

export const CIFAR_RECORD = 3073;
const CIFAR_PIXELS = 3072;

export interface CifarImages {
  /** count × 3072, channel planes as stored */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export function parseCifar(bytes: Uint8Array, file: string): CifarImages {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD !== 0)
    throw new DataFileError(file, `size ${bytes.length} is not a multiple of the 3073-byte CIFAR-10 record`);
  const count = bytes.length / CIFAR_RECORD;
  const pixels = new Uint8Array(count * CIFAR_PIXELS);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const label = bytes[r * CIFAR_RECORD]!;
    if (label > 9) throw new DataFileError(file, `record ${r}: label ${label} is not a CIFAR-10 class`);
    labels[r] = label;
    pixels.set(bytes.subarray(r * CIFAR_RECORD + 1, (r + 1) * CIFAR_RECORD), r * CIFAR_PIXELS);
  }
  return { pixels, labels, count };
}

export function readCifar(file: string): CifarImages {
  return parseCifar(readDataFile(file), file);
}

/** SPEC §5.6: test split, classes airplane (0) / automobile (1), official order, element `index`; values in [0, 1], channel planes. */
export function cifarInrImage(test: CifarImages, index = 1000, file = 'the CIFAR-10 file'): Float64Array {
  const picked: number[] = [];
  for (let r = 0; r < test.count; r++) if (test.labels[r] === 0 || test.labels[r] === 1) picked.push(r);
  if (picked.length <= index) throw new DataFileError(file, `the airplane/automobile test subset has ${picked.length} images, element ${index} does not exist`);
  const r = picked[index]!;
  return Float64Array.from(test.pixels.subarray(r * CIFAR_PIXELS, (r + 1) * CIFAR_PIXELS), (v) => v / 255);
}

export const STAND_IN_FILE = fileURLToPath(new URL('../../data/stand-in/chelsea-32x32.rgb', import.meta.url));

/** A target image whose pixels are all equal has MSE 0 against the best constant: its PSNR is no test of a fit. */
export function requireNonConstant(image: Float64Array, file: string, what: string): Float64Array {
  if (image.every((v) => v === image[0]))
    throw new DataFileError(file, `${what} is constant (every value ${image[0]}): a fit to it cannot be scored (PSNR undefined)`);
  return image;
}

/** The shipped stand-in (CC0, see data/stand-in/PROVENANCE.md): 3072 values in [0, 1], channel planes. */
export function standInImage(file = STAND_IN_FILE): Float64Array {
  const bytes = readDataFile(file);
  if (bytes.length !== CIFAR_PIXELS) throw new DataFileError(file, `expected ${CIFAR_PIXELS} bytes (32×32×3), found ${bytes.length}`);
  return Float64Array.from(bytes, (v) => v / 255);
}
