import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { CIFAR_RECORD, cifarInrImage, parseCifar, readCifar, standInImage } from './cifar.js';
import { cifarCoords, fourierFeatures, fourierMatrix, mnistCoords } from './fourier.js';
import { fma } from '../linalg/fma.js';
import { encodeIdx, parseIdx, readIdx } from './idx.js';
import { loadIdxPair, officialMnist, referenceOrder, referenceSplit, type MnistImages } from './mnist-files.js';

const dir = mkdtempSync(join(tmpdir(), 'srl-data-'));
const write = (name: string, bytes: Uint8Array) => {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
};

describe('IDX parser', () => {
  const pixels = Uint8Array.from({ length: 3 * 4 }, (_, i) => i);
  test('round trip, plain and gzip-compressed', () => {
    const raw = encodeIdx([3, 2, 2], pixels);
    expect(parseIdx(raw, 'x').dims).toEqual([3, 2, 2]);
    expect(Array.from(readIdx(write('a.idx', gzipSync(raw)), 3).data)).toEqual(Array.from(pixels));
  });
  test.each([
    ['wrong magic', Uint8Array.from([1, 2, 3, 4]), /not an IDX file/],
    ['unsupported type', Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), /element type/],
    ['truncated header', Uint8Array.from([0, 0, 8, 3, 0, 0]), /truncated header/],
    ['truncated data', encodeIdx([3, 2, 2], pixels).subarray(0, 20), /truncated: header announces 3×2×2/],
    ['trailing bytes', Uint8Array.from([...encodeIdx([1], Uint8Array.from([7])), 9]), /trailing/],
    ['corrupt gzip', Uint8Array.from([0x1f, 0x8b, 1, 2, 3]), /corrupt gzip/],
  ])('%s is refused with the file named', (_name, bytes, message) => {
    const f = write('bad.idx', bytes as Uint8Array);
    expect(() => readIdx(f)).toThrow(message as RegExp);
    expect(() => readIdx(f)).toThrow(f);
  });
  test('wrong dimensionality and missing files name the file', () => {
    expect(() => readIdx(write('v.idx', encodeIdx([4], Uint8Array.from([1, 2, 3, 4]))), 3)).toThrow(/expected 3 dimensions/);
    expect(() => readIdx(join(dir, 'missing.idx'))).toThrow(/missing\.idx: cannot read \(ENOENT\)/);
  });
  test('image/label pairs must agree and labels must be digits', () => {
    const img = write('i.idx', encodeIdx([2, 28, 28], new Uint8Array(2 * 784)));
    expect(() => loadIdxPair(img, write('l3.idx', encodeIdx([3], Uint8Array.from([1, 2, 3]))))).toThrow(/3 labels for 2 images/);
    expect(() => loadIdxPair(img, write('l2.idx', encodeIdx([2], Uint8Array.from([1, 12]))))).toThrow(/label 12/);
    expect(() => loadIdxPair(write('s.idx', encodeIdx([1, 5, 5], new Uint8Array(25))), write('l1.idx', encodeIdx([1], Uint8Array.from([1]))))).toThrow(/5×5/);
  });
});

describe('the reference ordering and split (SPEC §5.3–5.4, §7.10)', () => {
  const tiny = (labels: number[], base: number): MnistImages => ({
    labels: Uint8Array.from(labels),
    pixels: Uint8Array.from({ length: labels.length * 784 }, (_, p) => (base + Math.floor(p / 784)) % 256),
    count: labels.length,
  });
  test('training part then test part, each stably sorted by label', () => {
    const order = referenceOrder(tiny([1, 0, 1, 0], 0), tiny([0, 1], 100));
    expect(order.map((o) => [o.part.pixels[o.index * 784], o.part.labels[o.index]])).toEqual([
      [1, 0],
      [3, 0],
      [0, 1],
      [2, 1],
      [100, 0],
      [101, 1],
    ]);
  });
  test('per digit: the first perTrain images → train, the next perTest → test, digit blocks in order', () => {
    const split = referenceSplit(tiny([1, 0, 1, 0, 0], 0), tiny([0, 1, 1], 100), [0, 1], 2, 1);
    expect(Array.from(split.train.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(split.test.labels)).toEqual([0, 1]);
    expect(split.test.pixels[0]).toBe(4); // third 0 in file order
    expect(split.test.pixels[784]).toBe(101); // third 1: the first official-test 1
    expect(() => referenceSplit(tiny([0], 0), tiny([0], 1), [0], 2, 1)).toThrow(/digit 0 has 2 images/);
  });
  test('official files: 60,000 + 10,000 images; index 36000 of the reference order is a 5', () => {
    const { train, test } = officialMnist();
    expect([train.count, test.count]).toEqual([60000, 10000]);
    const order = referenceOrder(train, test);
    const at = order[36000]!;
    expect(at.part.labels[at.index]).toBe(5);
    const bin = referenceSplit(train, test, [0, 1]);
    expect([bin.train.count, bin.test.count]).toEqual([10000, 2000]);
  });
});

describe('CIFAR-10 binary format and the stand-in', () => {
  const record = (label: number, fill: number) => Uint8Array.from({ length: CIFAR_RECORD }, (_, i) => (i === 0 ? label : fill));
  test('records parse; the INR image is element `index` of the airplane/automobile subset, scaled to [0, 1]', () => {
    const bytes = Uint8Array.from([...record(3, 10), ...record(0, 20), ...record(1, 30), ...record(0, 255)]);
    const c = readCifar(write('test_batch.bin', bytes));
    expect(Array.from(c.labels)).toEqual([3, 0, 1, 0]);
    const img = cifarInrImage(c, 2);
    expect(img).toHaveLength(3072);
    expect(img[0]).toBe(1);
    expect(() => cifarInrImage(c, 3)).toThrow(/element 3/);
  });
  test('bad files are refused with the file named', () => {
    expect(() => parseCifar(new Uint8Array(100), 'b.bin')).toThrow(/b\.bin: size 100/);
    expect(() => parseCifar(record(11, 0), 'c.bin')).toThrow(/label 11/);
    expect(() => standInImage(write('short.rgb', new Uint8Array(10)))).toThrow(/expected 3072 bytes/);
  });
  test('the shipped stand-in: 32×32×3 values in [0, 1]', () => {
    const img = standInImage();
    expect(img).toHaveLength(3072);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
  });
});

describe('Fourier features (SPEC §5.5–5.6)', () => {
  test('coordinates are raw integers in the reference layout', () => {
    const m = mnistCoords();
    expect([m[2 * 29], m[2 * 29 + 1]]).toEqual([1, 1]);
    const c = cifarCoords();
    expect([c[3 * 1057], c[3 * 1057 + 1], c[3 * 1057 + 2]]).toEqual([1, 1, 1]);
  });
  test('φ = [sin 2πBp, cos 2πBp], float32, deterministic per seed, columns scaled', () => {
    const B = fourierMatrix(4, [5, 5, 0.05], { streams: 'named', float32: true });
    expect(B.every((v) => Math.fround(v) === v)).toBe(true);
    expect(B).toHaveLength(2250);
    let spatial = 0;
    let channel = 0;
    for (let r = 0; r < 750; r++) {
      spatial += B[r * 3]! ** 2;
      channel += B[r * 3 + 2]! ** 2;
    }
    expect(Math.sqrt(spatial / 750)).toBeGreaterThan(4);
    expect(Math.sqrt(channel / 750)).toBeLessThan(0.1);
    const f = fourierFeatures(Float64Array.from([1, 2, 0]), 3, B);
    expect(f.cols).toBe(1500);
    // 2π·p first, then the reference's fused dot product, last coordinate first
    const t = fma(2 * Math.PI * 1, B[0]!, fma(2 * Math.PI * 2, B[1]!, fma(0, B[2]!, 0)));
    expect(f.data[0]).toBe(Math.fround(Math.sin(t)));
    expect(f.data[750]).toBe(Math.fround(Math.cos(t)));
    for (const streams of ['named', 'reference'] as const) {
      expect(Array.from(fourierMatrix(4, [2, 2], { streams, float32: false }))).toEqual(Array.from(fourierMatrix(4, [2, 2], { streams, float32: false })));
    }
  });
});
