import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numericalRank, singularValueRatio, singularValues, stableRank } from '../../src/linalg/stableRank.ts';
import { frobeniusSquared, gramOfColumns, multiply, type Matrix } from '../../src/linalg/matrix.ts';
import { gaussianMatrix, mathjsEigenvalues } from './helpers.ts';

const shapes = fc.record({
  rows: fc.integer({ min: 1, max: 25 }),
  cols: fc.integer({ min: 1, max: 25 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe('stable rank, σ2/σ1 and numerical rank against mathjs eigs of AᵀA', () => {
  it('stable rank = ‖A‖F² / λmax(AᵀA) for either orientation, 1 ≤ sr ≤ min(rows, cols)', () => {
    fc.assert(
      fc.property(shapes, ({ rows, cols, seed }) => {
        const a = gaussianMatrix(rows, cols, seed);
        const lambda = mathjsEigenvalues(gramOfColumns(a));
        const expected = frobeniusSquared(a) / lambda[0];
        const sr = stableRank(a);
        expect(Math.abs(sr - expected)).toBeLessThan(1e-9 * expected);
        expect(sr).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(sr).toBeLessThanOrEqual(Math.min(rows, cols) + 1e-9);
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('σ2/σ1 = √(λ2/λ1) and singular values are √λ of AᵀA', () => {
    fc.assert(
      fc.property(shapes, ({ rows, cols, seed }) => {
        const a = gaussianMatrix(rows, cols, seed);
        const lambda = mathjsEigenvalues(gramOfColumns(a)).map((v) => Math.max(v, 0));
        const ratio = Math.min(rows, cols) < 2 ? 0 : Math.sqrt(lambda[1] / lambda[0]);
        expect(Math.abs(singularValueRatio(a) - ratio)).toBeLessThan(1e-8);
        const s = singularValues(a);
        expect(Math.abs(s[0] - Math.sqrt(lambda[0]))).toBeLessThan(1e-9 * s[0]);
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('numerical rank of a product B·C with inner dimension r is r, as counted from mathjs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1e6 }),
        (rows, cols, inner, seed) => {
          const a = multiply(gaussianMatrix(rows, inner, seed), gaussianMatrix(inner, cols, seed + 1));
          const r = Math.min(rows, cols, inner);
          expect(numericalRank(a)).toBe(r);
          const lambda = mathjsEigenvalues(gramOfColumns(a));
          // σ > 1e-6 σ1  ⇔  λ > 1e-12 λ1.
          expect(lambda.filter((v) => v > 1e-12 * lambda[0]).length).toBe(r);
        },
      ),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('known values: orthogonal equal-norm rows give sr = rows; scaling and rank one; zero matrix', () => {
    const eye: Matrix = { rows: 3, cols: 5, data: Float64Array.from([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0]) };
    expect(stableRank(eye)).toBeCloseTo(3, 12);
    expect(stableRank({ ...eye, data: eye.data.map((v) => 7 * v) })).toBeCloseTo(3, 12);
    const rankOne: Matrix = { rows: 2, cols: 2, data: Float64Array.from([1, 2, 2, 4]) };
    expect(stableRank(rankOne)).toBeCloseTo(1, 12);
    expect(numericalRank(rankOne)).toBe(1);
    expect(singularValueRatio(rankOne)).toBeLessThan(1e-8);
    expect(stableRank({ rows: 2, cols: 3, data: new Float64Array(6) })).toBe(0);
    expect(numericalRank({ rows: 2, cols: 3, data: new Float64Array(6) })).toBe(0);
  });

  it('nearly tied top singular values still give the right stable rank', () => {
    // diag(1, 1 − 1e-10, 0.5): sr = (1 + (1−1e-10)² + 0.25) / 1.
    const a: Matrix = { rows: 3, cols: 3, data: Float64Array.from([1, 0, 0, 0, 1 - 1e-10, 0, 0, 0, 0.5]) };
    expect(Math.abs(stableRank(a) - (2.25 - 2e-10))).toBeLessThan(1e-9);
  });
});

describe('nearly tied top singular values', () => {
  // A rotated 2×2 with σ1 = 1, σ2 = 1 − 1e-6: a converged power estimate may sit anywhere in
  // [λ2, λ1], which would put sr above rank 2. The stored probe counterexample had 2.000002.
  it('sr never exceeds the rank and matches ‖A‖F²/σ1² on small and large Gram matrices', () => {
    for (const size of [2, 30, 60]) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(1e-6, 1e-9, 1e-12), (seed, gap) => {
          const q = gaussianMatrix(size, size, seed);
          // Orthonormalize q's rows (modified Gram-Schmidt) to get a rotation.
          for (let i = 0; i < size; i++) {
            for (let j = 0; j < i; j++) {
              let p = 0;
              for (let k = 0; k < size; k++) p += q.data[i * size + k] * q.data[j * size + k];
              for (let k = 0; k < size; k++) q.data[i * size + k] -= p * q.data[j * size + k];
            }
            let n = 0;
            for (let k = 0; k < size; k++) n += q.data[i * size + k] ** 2;
            for (let k = 0; k < size; k++) q.data[i * size + k] /= Math.sqrt(n);
          }
          const singular = Array.from({ length: size }, (_, i) => (i === 0 ? 1 : i === 1 ? 1 - gap : 0.5));
          const scaled: Matrix = { rows: size, cols: size, data: q.data.map((v, index) => v * singular[Math.floor(index / size)]) };
          const sr = stableRank(scaled);
          const expected = singular.reduce((s, v) => s + v * v, 0);
          expect(sr).toBeLessThanOrEqual(size + 1e-12);
          // Exact below the Jacobi threshold; above it the power estimate is low by at most λ1 − λ2.
          expect(Math.abs(sr - expected) / expected).toBeLessThan(size <= 48 ? 1e-12 : 4 * gap + 1e-12);
        }),
        { numRuns: 20, seed: 5 },
      );
    }
  });
});
