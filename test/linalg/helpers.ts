import { eigs } from 'mathjs';
import type { Matrix } from '../../src/linalg/matrix.ts';
import { createRng } from '../../src/random/rng.ts';
import { randomOrthonormalRows } from '../../src/random/orthonormal.ts';
import { toRows } from '../../src/linalg/matrix.ts';

/** Eigenvalues by mathjs, descending: the independent reference. */
export function mathjsEigenvalues(g: Matrix): number[] {
  const { values } = eigs(toRows(g), { eigenvectors: false }) as unknown as { values: number[] };
  return [...values].map(Number).sort((a, b) => b - a);
}

export function gaussianMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.gaussian()) };
}

export function randomSymmetric(n: number, seed: number): Matrix {
  const a = gaussianMatrix(n, n, seed);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = a.data[i * n + j] + a.data[j * n + i];
  return { rows: n, cols: n, data };
}

/** Q diag(values) Qᵀ with a random orthogonal Q: a symmetric matrix with a chosen spectrum. */
export function withSpectrum(values: number[], seed: number): Matrix {
  const n = values.length;
  const q = randomOrthonormalRows(createRng(seed), n, n).data;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k * n + i] * values[k] * q[k * n + j];
      data[i * n + j] = s;
    }
  }
  return { rows: n, cols: n, data };
}
