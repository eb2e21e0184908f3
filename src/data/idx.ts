// IDX files (the MNIST distribution format): big-endian header, magic 0x0000 08 NN (08 = unsigned
// bytes, NN = number of dimensions), then NN uint32 sizes, then the data. gzip-compressed files
// (magic 1f 8b) are inflated first. Every check names the file.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../config/input-error.js';

export class DataFileError extends InputError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(file, `${file}: ${message}`);
    this.name = 'DataFileError';
  }
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, file: string, expectedDims?: number): IdxArray {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new DataFileError(file, `corrupt gzip data (${(e as Error).message})`);
    }
  }
  if (buf.length < 4) throw new DataFileError(file, `too short for an IDX header (${buf.length} bytes)`);
  if (buf[0] !== 0 || buf[1] !== 0)
    throw new DataFileError(file, `not an IDX file (magic ${Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')})`);
  if (buf[2] !== 0x08) throw new DataFileError(file, `unsupported IDX element type 0x${buf[2]!.toString(16)} (only unsigned bytes, 0x08)`);
  const nd = buf[3]!;
  if (expectedDims !== undefined && nd !== expectedDims) throw new DataFileError(file, `expected ${expectedDims} dimensions, header says ${nd}`);
  const headerBytes = 4 + 4 * nd;
  if (buf.length < headerBytes) throw new DataFileError(file, `truncated header: ${buf.length} bytes, need ${headerBytes}`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dims = Array.from({ length: nd }, (_, k) => view.getUint32(4 + 4 * k, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const have = buf.length - headerBytes;
  if (have < count) throw new DataFileError(file, `truncated: header announces ${dims.join('×')} = ${count} bytes of data, file has ${have}`);
  if (have > count) throw new DataFileError(file, `${have - count} unexpected trailing bytes after ${dims.join('×')} elements`);
  return { dims, data: buf.subarray(headerBytes, headerBytes + count) };
}

/**
 * A data file's bytes. Only a regular file is read: a FIFO or a device would block or never end, a folder
 * is a mistake; each is refused naming the file, as an unreadable one is.
 */
export function readDataFile(file: string): Buffer {
  let kind: string | null = null;
  try {
    const st = statSync(file);
    if (!st.isFile()) kind = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : 'not a regular file';
  } catch (e) {
    throw new DataFileError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (kind) throw new DataFileError(file, `is ${kind}, not a regular file`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DataFileError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function readIdx(file: string, expectedDims?: number): IdxArray {
  return parseIdx(readDataFile(file), file, expectedDims);
}

/** Encode an IDX array (tests write small files with it). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((v, k) => view.setUint32(4 + 4 * k, v, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
