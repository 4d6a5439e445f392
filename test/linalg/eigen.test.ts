import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { symmetricEigen, topEigenpair, topEigenpairs } from '../../src/linalg/eigen.ts';
import { gramOfColumns, type Matrix } from '../../src/linalg/matrix.ts';
import { stableRank } from '../../src/linalg/stableRank.ts';
import { gaussianMatrix, mathjsEigenvalues, randomSymmetric, withSpectrum } from './helpers.ts';

function residual(g: Matrix, value: number, vector: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < g.rows; i++) {
    let s = 0;
    for (let j = 0; j < g.cols; j++) s += g.data[i * g.cols + j] * vector[j];
    worst = Math.max(worst, Math.abs(s - value * vector[i]));
  }
  return worst;
}

describe('symmetric eigensolvers against mathjs eigs', () => {
  it('Jacobi eigenvalues equal mathjs eigs on random symmetric matrices, vectors satisfy Gv = λv', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const g = randomSymmetric(n, seed);
        const reference = mathjsEigenvalues(g);
        const pairs = symmetricEigen(g);
        const scale = Math.max(...reference.map(Math.abs));
        pairs.forEach((pair, i) => {
          expect(Math.abs(pair.value - reference[i])).toBeLessThan(1e-10 * scale);
          expect(residual(g, pair.value, pair.vector)).toBeLessThan(1e-9 * scale);
        });
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('top eigenpairs of PSD Gram matrices equal mathjs eigs (Jacobi up to 200 rows, subspace iteration above)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1e6 }), (n, rows, seed) => {
        const g = gramOfColumns(gaussianMatrix(rows, n, seed));
        const reference = mathjsEigenvalues(g);
        const count = Math.min(3, n);
        const top = topEigenpairs(g, count);
        for (let i = 0; i < count; i++) expect(Math.abs(top[i].value - reference[i])).toBeLessThan(1e-10 * reference[0]);
        const power = topEigenpair(g);
        expect(power.converged).toBe(true);
        expect(Math.abs(power.value - reference[0])).toBeLessThan(1e-9 * reference[0]);
      }),
      { numRuns: 30, seed: 20261122 },
    );
    // The large-matrix path (subspace iteration) on a 260×260 matrix with a known, well-separated top.
    const spectrum = Array.from({ length: 260 }, (_, i) => (i < 3 ? 10 - 2 * i : 1 / (i + 1)));
    const big = topEigenpairs(withSpectrum(spectrum, 5), 3);
    big.forEach((pair, i) => expect(Math.abs(pair.value - spectrum[i])).toBeLessThan(1e-9 * spectrum[0]));
  });
});

describe('power iteration stops by its convergence test, not a fixed count', () => {
  it.each([
    ['close', 1 - 1e-3],
    ['very close', 1 - 1e-5],
    ['nearly tied', 1 - 1e-9],
  ])('λ2/λ1 %s: converged means correct, and the stable rank is right either way', (_, ratio) => {
    const spectrum = [1, ratio, 0.5, 0.3, 0.2, 0.1, 0.05, 0.01];
    const g = withSpectrum(spectrum, 11);
    const result = topEigenpair(g);
    // Not converged is an honest answer (callers fall back to Jacobi); converged and wrong is not.
    if (result.converged) expect(Math.abs(result.value - 1)).toBeLessThan(1e-8);
    // sr of a matrix whose Gram matrix is g: Σλ / λ1.
    const a = withSpectrum(spectrum.map(Math.sqrt), 11);
    const expected = spectrum.reduce((x, y) => x + y, 0);
    expect(Math.abs(stableRank(a) - expected)).toBeLessThan(1e-9 * expected);
  });

  it('at λ2/λ1 = 1 − 1e-5 tiny steps are not mistaken for convergence', () => {
    // Each step moves the value by ~2e-5 × its error, so a plain test "step ≤ 1e-12 relative"
    // stopped here with an error of 8e-6 (found by the test above before the fix).
    const result = topEigenpair(withSpectrum([1, 1 - 1e-5, 0.5, 0.3], 11), { maxIterations: 5000 });
    expect(Math.abs(result.value - 1)).toBeGreaterThan(1e-8);
    expect(result.converged).toBe(false);
  });

  it('a fixed count of 100 steps would be wrong at λ2/λ1 = 0.999, the convergence test runs on', () => {
    const g = withSpectrum([1, 0.999, 0.5, 0.3, 0.2, 0.1], 11);
    const fixed = topEigenpair(g, { maxIterations: 100 });
    expect(fixed.converged).toBe(false);
    expect(Math.abs(fixed.value - 1)).toBeGreaterThan(1e-7);
    const tested = topEigenpair(g);
    expect(tested.iterations).toBeGreaterThan(100);
    expect(Math.abs(tested.value - 1)).toBeLessThan(1e-8);
  });

  it('a well-separated matrix converges in few steps; a warm start at the answer in fewer', () => {
    const g = withSpectrum([4, 1, 0.5, 0.25], 3);
    const cold = topEigenpair(g);
    expect(cold.iterations).toBeLessThan(60);
    const warm = topEigenpair(g, { start: cold.vector });
    expect(warm.iterations).toBeLessThanOrEqual(3);
    expect(warm.value).toBeCloseTo(4, 12);
  });

  it('the zero matrix has top eigenvalue 0; a non-square matrix is rejected', () => {
    expect(topEigenpair({ rows: 3, cols: 3, data: new Float64Array(9) }).value).toBe(0);
    expect(() => topEigenpair({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(/square/);
  });
});
