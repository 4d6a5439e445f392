import { eigs } from 'mathjs';
import { createRng } from '../../src/random/rng.ts';
import { randomOrthonormalRows } from '../../src/random/orthonormal.ts';
import { type Matrix, multiply, toRows, transpose } from '../../src/linalg/matrix.ts';

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

/** n × d with a chosen spectrum (singular values s): L diag(s) R with random orthonormal L, R. */
export function rectangularWithSpectrum(seed: string, n: number, d: number, s: number[]): Matrix {
  const rng = createRng(seed);
  const left = transpose(randomOrthonormalRows(rng.fork('L'), s.length, n));
  const right = randomOrthonormalRows(rng.fork('R'), s.length, d);
  s.forEach((v, i) => {
    for (let j = 0; j < d; j++) right.data[i * d + j] *= v;
  });
  return multiply(left, right);
}

/** max |(A Aᵀ − I)ᵢⱼ|: how far A's rows are from orthonormal. */
export function maxOffOrthonormal(a: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * a.data[j * a.cols + k];
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}
