import { existsSync, statSync } from 'node:fs';
import { readRegularFile } from '../io/readRegularFile.ts';
import { join } from 'node:path';
import type { Matrix } from '../linalg/matrix.ts';
import type { Rng } from '../random/rng.ts';
import { binaryTaskFromPools, type BinaryTask, type BinaryTaskOptions } from './binaryTask.ts';
import { InputError, invalidParameter, requireInteger } from '../parameters/validation.ts';

/**
 * CIFAR-10 in its standard binary layout (cifar-10-binary.tar.gz): each record is 1 label byte
 * (0..9) and 3072 pixel bytes, the 1024 red, then 1024 green, then 1024 blue values of a 32×32
 * image, each row-major. A whole image — channels flattened in that order — is one patch, d = 3072.
 */
export const CIFAR_SIDE = 32;
export const CIFAR_PIXELS = 3 * CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_RECORD_BYTES = 1 + CIFAR_PIXELS;
export const CIFAR_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR_TEST_FILE = 'test_batch.bin';
export const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
export const CIFAR_PIXEL_SCALING = 'pixels byte/255 in [0, 1], channels R, G, B flattened per image (d = 3072)';
export const CIFAR_DOWNLOAD_HINT =
  'download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, extract it, and pass --data <path>/cifar-10-batches-bin (the folder holding data_batch_1.bin … data_batch_5.bin and test_batch.bin)';

export interface CifarBatch {
  readonly count: number;
  /** One label 0..9 per record. */
  readonly labels: Uint8Array;
  /** count × 3072 raw bytes, in file order. */
  readonly pixels: Uint8Array;
}

/** Parses one binary batch; a size that is not a whole number of records, or a bad label, is an InputError. */
export function parseCifarBatch(bytes: Uint8Array, name = 'CIFAR-10 batch'): CifarBatch {
  if (bytes.length === 0)
    throw new InputError(`${name}: the file is empty (expected records of ${CIFAR_RECORD_BYTES} bytes: 1 label + ${CIFAR_PIXELS} pixels)`);
  if (bytes.length % CIFAR_RECORD_BYTES !== 0) {
    const whole = Math.floor(bytes.length / CIFAR_RECORD_BYTES);
    throw new InputError(
      `${name}: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD_BYTES}-byte records (1 label + ${CIFAR_PIXELS} pixels): ${whole} records and ${bytes.length - whole * CIFAR_RECORD_BYTES} stray bytes — truncated or not a CIFAR-10 binary batch`,
    );
  }
  const count = bytes.length / CIFAR_RECORD_BYTES;
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * CIFAR_PIXELS);
  for (let i = 0; i < count; i++) {
    const offset = i * CIFAR_RECORD_BYTES;
    const label = bytes[offset];
    if (label > 9)
      throw new InputError(`${name}: record ${i} (byte ${offset}) has label ${label}, labels must be 0..9 — not a CIFAR-10 binary batch`);
    labels[i] = label;
    pixels.set(bytes.subarray(offset + 1, offset + CIFAR_RECORD_BYTES), i * CIFAR_PIXELS);
  }
  return { count, labels, pixels };
}

/** A CIFAR-10 binary batch is 30,730,000 bytes; only a regular file of at most twice that is read. */
const MAX_CIFAR_BATCH_BYTES = 2 * 30_730_000;

export function readCifarBatch(path: string): CifarBatch {
  return parseCifarBatch(new Uint8Array(readRegularFile(path, { what: 'CIFAR-10 batch', maxBytes: MAX_CIFAR_BATCH_BYTES })), path);
}

/** Which batch files of `dir` exist; an InputError saying where to put the data when none do. */
export function locateCifar10(dir: string | undefined): { train: string[]; test: string | null } {
  if (!dir) throw new InputError(`CIFAR-10 needs --data <dir>: ${CIFAR_DOWNLOAD_HINT}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--data ${dir}: no such directory; ${CIFAR_DOWNLOAD_HINT}`);
  const train = CIFAR_TRAIN_FILES.map((f) => join(dir, f)).filter((f) => existsSync(f));
  const test = existsSync(join(dir, CIFAR_TEST_FILE)) ? join(dir, CIFAR_TEST_FILE) : null;
  if (train.length === 0) throw new InputError(`--data ${dir}: no data_batch_*.bin found; ${CIFAR_DOWNLOAD_HINT}`);
  return { train, test };
}

/** The images of one class from the batches, as rows scaled to [0, 1]. */
export function cifarClassImages(batches: readonly CifarBatch[], label: number): Matrix {
  let count = 0;
  for (const b of batches) for (const l of b.labels) if (l === label) count++;
  const data = new Float64Array(count * CIFAR_PIXELS);
  let row = 0;
  for (const b of batches) {
    for (let i = 0; i < b.count; i++) {
      if (b.labels[i] !== label) continue;
      const source = b.pixels.subarray(i * CIFAR_PIXELS, (i + 1) * CIFAR_PIXELS);
      for (let k = 0; k < CIFAR_PIXELS; k++) data[row * CIFAR_PIXELS + k] = source[k] / 255;
      row++;
    }
  }
  return { rows: count, cols: CIFAR_PIXELS, data };
}

/**
 * A balanced binary CIFAR-10 task (default airplane vs automobile) drawn from the training
 * batches: training and test images are disjoint draws, like the MNIST task.
 */
export function cifar10BinaryTask(
  dir: string | undefined,
  classes: readonly [number, number],
  options: BinaryTaskOptions,
  rng: Rng,
): BinaryTask {
  for (const [i, c] of classes.entries()) requireInteger(`classes[${i}]`, c, 0, 9);
  if (classes[0] === classes[1]) invalidParameter('classes', classes, 'two different classes');
  const files = locateCifar10(dir);
  const batches = files.train.map(readCifarBatch);
  const pools: [Matrix, Matrix] = [cifarClassImages(batches, classes[0]), cifarClassImages(batches, classes[1])];
  return binaryTaskFromPools(pools, classes, options, rng, CIFAR_PIXEL_SCALING);
}
