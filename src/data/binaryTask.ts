import type { Matrix } from '../linalg/matrix.ts';
import type { Rng } from '../random/rng.ts';
import { invalidParameter, requireInteger } from '../parameters/validation.ts';

// The two-class task every real-data source (MNIST, CIFAR-10) builds from its per-class image pools.

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
