import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitCleanImageModel, fitPca, measureCleanRank, projectOnto, reconstruct, verifyCleanRank } from '../../src/data/pca.ts';
import { mnistBinaryTask } from '../../src/data/mnist.ts';
import { gramOfColumns, matrix, multiply, orthonormalizeRows, type Matrix } from '../../src/linalg/matrix.ts';
import { symmetricEigen } from '../../src/linalg/eigen.ts';
import { numericalRank } from '../../src/linalg/stableRank.ts';
import { createRng, gaussianArray } from '../../src/random/rng.ts';
import { randomOrthonormalRows } from '../../src/random/orthonormal.ts';
import { InputError } from '../../src/parameters/validation.ts';
import { maxOffOrthonormal, rectangularWithSpectrum } from '../linalg/helpers.ts';

/** |cos| between each fitted component and the reference eigenvector. */
function alignment(components: Matrix, reference: Float64Array[], k: number): number {
  let s = 0;
  for (let j = 0; j < components.cols; j++) s += components.data[k * components.cols + j] * reference[k][j];
  return Math.abs(s);
}

describe('PCA by the second-moment matrix', () => {
  it('matches the exact eigendecomposition of XᵀX/n through all three solver paths', () => {
    // d ≤ n small (Jacobi on XᵀX), d > n (through XXᵀ), and d > 200 (block subspace iteration).
    for (const [n, d] of [
      [60, 30],
      [25, 70],
      [260, 230],
    ] as const) {
      const s = Array.from({ length: Math.min(n, d) }, (_, i) => 10 * Math.pow(0.8, i));
      const x = rectangularWithSpectrum(`pca-${n}-${d}`, n, d, s);
      const K = 4;
      const fit = fitPca(x, K);
      const exact = symmetricEigen(gramOfColumns(x));
      for (let k = 0; k < K; k++) {
        expect(fit.eigenvalues[k]).toBeCloseTo(exact[k].value / n, 8);
        expect(
          alignment(
            fit.components,
            exact.map((p) => p.vector),
            k,
          ),
        ).toBeGreaterThan(1 - 1e-8);
      }
      expect(maxOffOrthonormal(fit.components)).toBeLessThan(1e-10);
      const trace = s.reduce((a, v) => a + v * v, 0) / n;
      expect(fit.totalEnergy).toBeCloseTo(trace, 8);
    }
  });

  it('reconstruction onto K components has rank exactly K and is idempotent (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10_000 }),
        (n, d, K, seed) => {
          fc.pre(K <= Math.min(n, d));
          const x = matrix(n, d, gaussianArray(createRng(seed), n * d));
          const fit = fitPca(x, K);
          const clean = reconstruct(x, fit.components);
          expect(numericalRank(clean)).toBe(K);
          const again = reconstruct(clean, fit.components);
          for (let i = 0; i < clean.data.length; i++) expect(again.data[i]).toBeCloseTo(clean.data[i], 10);
          // The captured energy is the sum of the top K eigenvalues (Eckart–Young).
          let energy = 0;
          for (const v of clean.data) energy += v * v;
          expect(energy / n).toBeCloseTo(
            fit.eigenvalues.reduce((a, v) => a + v, 0),
            8,
          );
          expect(measureCleanRank(clean, fit.components)).toMatchObject({ rank: K });
        },
      ),
      { numRuns: 30, seed: 11 },
    );
  });

  it('gives real MNIST clean images of rank K (global) and 2K (class-wise), verified', () => {
    const task = mnistBinaryTask([0, 1], { trainPerClass: 40, testPerClass: 10 }, createRng(3));
    for (const K of [1, 3]) {
      const global = fitCleanImageModel(task.train.images, task.train.labels, K, 'global');
      const cleanGlobal = global.apply(task.train.images, task.train.labels);
      expect(verifyCleanRank(cleanGlobal, global).rank).toBe(K);
      expect(numericalRank(cleanGlobal)).toBe(K);
      const classwise = fitCleanImageModel(task.train.images, task.train.labels, K, 'classwise');
      const cleanClasswise = classwise.apply(task.train.images, task.train.labels);
      expect(classwise.intendedRank).toBe(2 * K);
      expect(verifyCleanRank(cleanClasswise, classwise)).toMatchObject({ rank: 2 * K });
      expect(numericalRank(cleanClasswise)).toBe(2 * K);
      expect(maxOffOrthonormal(classwise.basis)).toBeLessThan(1e-10);
      // Each class is reconstructed from its own components: class +1 rows lie in span(V₊).
      const plus = classwise.fits[0].components;
      task.train.labels.forEach((y, i) => {
        if (y !== 1) return;
        const row = matrix(1, 784, cleanClasswise.data.subarray(i * 784, (i + 1) * 784));
        const back = reconstruct(row, plus);
        for (let j = 0; j < 784; j++) expect(back.data[j]).toBeCloseTo(row.data[j], 9);
      });
      // The test split goes through the same transform.
      expect(measureCleanRank(classwise.apply(task.test.images, task.test.labels), classwise.basis).residual).toBeLessThan(1e-12);
    }
  });

  it('refuses a matrix that is not of the intended rank, and a K beyond the data', () => {
    const task = mnistBinaryTask([3, 8], { trainPerClass: 20, testPerClass: 0 }, createRng(4));
    const model = fitCleanImageModel(task.train.images, task.train.labels, 2, 'classwise');
    // The raw images are full rank, not rank 2K: the check must say so.
    expect(() => verifyCleanRank(task.train.images, model)).toThrow(InputError);
    expect(() => verifyCleanRank(task.train.images, model)).toThrow(/expected 4 = 2K/);
    expect(() => fitPca(task.train.images, 41)).toThrow(/invalid K: 41/);
    const rankTwo = rectangularWithSpectrum('r2', 30, 20, [3, 1]);
    expect(() => fitPca(rankTwo, 3)).toThrow(/invalid K: 3 \(must be at most the rank/);
    expect(() => fitCleanImageModel(task.train.images, task.train.labels, 2, 'centered' as never)).toThrow(/invalid pca/);
  });

  it('projectOnto gives the coefficients and orthonormalizeRows detects dependent rows', () => {
    const basis = randomOrthonormalRows(createRng('b'), 3, 10);
    const coefficients = matrix(4, 3, [1, 2, 3, 0, 0, 1, -1, 0.5, 0, 2, 2, 2]);
    const x = multiply(coefficients, basis);
    const back = projectOnto(x, basis);
    for (let i = 0; i < 12; i++) expect(back.data[i]).toBeCloseTo(coefficients.data[i], 12);
    expect(orthonormalizeRows(matrix(2, 3, [1, 2, 3, 2, 4, 6]))).toBeNull();
  });
});
