import { type Matrix, dot, matrix, multiply, norm, orthonormalizeRows } from './matrix.ts';
import { createRng, gaussianArray } from '../random/rng.ts';

export interface EigenPair {
  value: number;
  vector: Float64Array;
}

export interface PowerIterationOptions {
  /** Stop when the Rayleigh quotient's step, and its extrapolated remaining error, are below this (relative). */
  tolerance?: number;
  maxIterations?: number;
  /** Warm start (e.g. the previous checkpoint's top eigenvector). */
  start?: Float64Array;
}

export interface PowerIterationResult extends EigenPair {
  iterations: number;
  converged: boolean;
}

function symmetricTimes(g: Matrix, v: Float64Array, out: Float64Array): void {
  const n = g.rows;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = i * n;
    for (let j = 0; j < n; j++) s += g.data[base + j] * v[j];
    out[i] = s;
  }
}

/**
 * Top eigenpair of a symmetric positive semidefinite matrix by power iteration, run until the
 * eigenvalue estimate settles (not for a fixed number of steps: a fixed count silently fails
 * when σ1 ≈ σ2).
 */
export function topEigenpair(g: Matrix, options: PowerIterationOptions = {}): PowerIterationResult {
  const n = g.rows;
  if (n !== g.cols) throw new RangeError(`topEigenpair: matrix must be square, got ${g.rows}x${g.cols}`);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 20_000;
  let v = new Float64Array(n);
  if (options.start && options.start.length === n && norm(options.start) > 0) v.set(options.start);
  else {
    const rng = createRng('power-iteration-start');
    for (let i = 0; i < n; i++) v[i] = rng.gaussian();
  }
  let length = norm(v);
  for (let i = 0; i < n; i++) v[i] /= length;
  let w = new Float64Array(n);
  let value = 0;
  let previousChange = Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    symmetricTimes(g, v, w);
    const next = dot(v, w);
    length = norm(w);
    if (length === 0) return { value: 0, vector: v, iterations: iteration, converged: true };
    for (let i = 0; i < n; i++) w[i] /= length;
    [v, w] = [w, v];
    // The Rayleigh quotients of a PSD matrix rise toward λ1 geometrically, at rate ≈ (λ2/λ1)²,
    // so the error left is about change·rate/(1 − rate). A small step alone is not enough:
    // with λ2 ≈ λ1 the steps are tiny long before the value is right.
    const change = Math.abs(next - value);
    const scale = Math.abs(next);
    // The first change is measured from 0, so a rate needs two real steps behind it.
    const rate = iteration >= 3 ? change / previousChange : 1;
    const remaining = rate < 1 ? (change * rate) / (1 - rate) : Infinity;
    if (change <= 64 * Number.EPSILON * scale || (change <= tolerance * scale && remaining <= tolerance * scale)) {
      return { value: next, vector: v, iterations: iteration, converged: true };
    }
    previousChange = change;
    value = next;
  }
  return { value, vector: v, iterations: maxIterations, converged: false };
}

/**
 * Full eigendecomposition of a small symmetric matrix by cyclic Jacobi rotations.
 * Exact to rounding, used where all of the spectrum matters (σ2/σ1, numerical rank, Hessians).
 * Eigenvalues are returned in descending order.
 */
export function symmetricEigen(g: Matrix, options: { maxSweeps?: number } = {}): EigenPair[] {
  const n = g.rows;
  if (n !== g.cols) throw new RangeError(`symmetricEigen: matrix must be square, got ${g.rows}x${g.cols}`);
  const a = Float64Array.from(g.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const maxSweeps = options.maxSweeps ?? 100;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (off <= 1e-30 * Math.max(diagonal, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const pairs: EigenPair[] = [];
  for (let i = 0; i < n; i++) {
    const vector = new Float64Array(n);
    for (let k = 0; k < n; k++) vector[k] = v[k * n + i];
    pairs.push({ value: a[i * n + i], vector });
  }
  return pairs.sort((x, y) => y.value - x.value);
}

/**
 * The top `count` eigenpairs of a symmetric PSD matrix, by decreasing eigenvalue: exact Jacobi up
 * to 200 rows, block subspace iteration with Rayleigh–Ritz otherwise (fixed seeded start, so the
 * result is deterministic).
 */
export function topEigenpairs(g: Matrix, count: number): EigenPair[] {
  const s = g.rows;
  if (s !== g.cols) throw new RangeError(`topEigenpairs: matrix must be square, got ${g.rows}x${g.cols}`);
  if (s <= 200) return symmetricEigen(g).slice(0, count);
  count = Math.min(count, s);
  // Oversampling makes the convergence rate (λ_{b+1}/λ_count)^t.
  const b = Math.min(s, count + 12);
  const start: Matrix = { rows: b, cols: s, data: gaussianArray(createRng('pca-subspace-start'), b * s) };
  let q = orthonormalizeRows(start, 0) ?? start;
  let previous: number[] = [];
  let ritz: { values: number[]; vectors: Matrix } = { values: [], vectors: q };
  for (let iteration = 0; iteration < 1000; iteration++) {
    // Z = Q G (rows of Q times the symmetric G).
    const z = multiply(q, g);
    // Rayleigh–Ritz on T = Q G Qᵀ (upper triangle, mirrored), then rotate Q onto the Ritz vectors.
    const t = matrix(b, b);
    for (let r = 0; r < b; r++) {
      for (let c = r; c < b; c++) {
        let sum = 0;
        for (let k = 0; k < s; k++) sum += q.data[r * s + k] * z.data[c * s + k];
        t.data[r * b + c] = sum;
        t.data[c * b + r] = sum;
      }
    }
    const pairs = symmetricEigen(t);
    // Rows of Y are the Ritz coefficient vectors, so Y Q holds the Ritz vectors.
    const y = matrix(b, b);
    pairs.forEach((p, i) => y.data.set(p.vector, i * b));
    ritz = { values: pairs.map((p) => p.value), vectors: multiply(y, q) };
    const top = ritz.values.slice(0, count);
    const settled = previous.length === count && top.every((v, i) => Math.abs(v - previous[i]) <= 1e-13 * Math.abs(top[0]));
    if (settled) break;
    previous = top;
    // Next block: the rotated Z, orthonormalized.
    q = orthonormalizeRows(multiply(y, z), 0) ?? ritz.vectors;
  }
  return ritz.values.slice(0, count).map((value, i) => ({ value, vector: ritz.vectors.data.slice(i * s, (i + 1) * s) }));
}
