import { type Matrix, gramOfColumns, gramOfRows, matrix } from '../linalg/matrix.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { numericalRank } from '../linalg/stableRank.ts';
import { createRng } from '../random/rng.ts';
import { InputError, invalidParameter, requireInteger } from '../parameters/validation.ts';

/**
 * PCA by the second-moment matrix, uncentered: the components are the top right singular
 * vectors of the training matrix X (eigenvectors of XᵀX/n). Uncentered so that projecting and
 * reconstructing gives images of rank exactly K, the clean rank of the paper's model; centring
 * would add the mean as a (K+1)-th direction.
 */
export interface PcaFit {
  /** K × d, orthonormal rows, by decreasing eigenvalue. */
  readonly components: Matrix;
  /** The top K eigenvalues of XᵀX/n. */
  readonly eigenvalues: number[];
  /** trace(XᵀX/n): the fraction eigenvalues/total is the energy each component explains. */
  readonly totalEnergy: number;
}

/** Orthonormalizes rows in order (modified Gram–Schmidt, twice for stability); returns null for a dependent row. */
export function orthonormalizeRows(a: Matrix, relativeTolerance = 1e-10): Matrix | null {
  const out = matrix(a.rows, a.cols, a.data);
  const d = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const ri = out.data.subarray(i * d, (i + 1) * d);
    let original = 0;
    for (let k = 0; k < d; k++) original += ri[k] * ri[k];
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const rj = out.data.subarray(j * d, (j + 1) * d);
        let s = 0;
        for (let k = 0; k < d; k++) s += ri[k] * rj[k];
        for (let k = 0; k < d; k++) ri[k] -= s * rj[k];
      }
    }
    let length = 0;
    for (let k = 0; k < d; k++) length += ri[k] * ri[k];
    if (!(length > relativeTolerance * relativeTolerance * original) || length === 0) return null;
    length = Math.sqrt(length);
    for (let k = 0; k < d; k++) ri[k] /= length;
  }
  return out;
}

/** Top `count` eigenpairs of a symmetric PSD matrix: exact Jacobi when small, block subspace iteration otherwise. */
function topEigen(g: Matrix, count: number): { values: number[]; vectors: Matrix } {
  const s = g.rows;
  if (s <= 200) {
    const pairs = symmetricEigen(g).slice(0, count);
    const vectors = matrix(count, s);
    pairs.forEach((p, i) => vectors.data.set(p.vector, i * s));
    return { values: pairs.map((p) => p.value), vectors };
  }
  // Subspace iteration with Rayleigh–Ritz; oversampling makes the convergence rate (λ_{b+1}/λ_K)^t.
  const b = Math.min(s, count + 12);
  const rng = createRng('pca-subspace-start');
  let q = matrix(b, s);
  for (let i = 0; i < q.data.length; i++) q.data[i] = rng.gaussian();
  q = orthonormalizeRows(q, 0) ?? q;
  let previous: number[] = [];
  let ritz: { values: number[]; vectors: Matrix } = { values: [], vectors: q };
  for (let iteration = 0; iteration < 1000; iteration++) {
    // Z = Q G (rows of Q times the symmetric G).
    const z = matrix(b, s);
    for (let r = 0; r < b; r++) {
      const qr = q.data.subarray(r * s, (r + 1) * s);
      const zr = z.data.subarray(r * s, (r + 1) * s);
      for (let k = 0; k < s; k++) {
        const v = qr[k];
        if (v === 0) continue;
        const gk = k * s;
        for (let j = 0; j < s; j++) zr[j] += v * g.data[gk + j];
      }
    }
    // Rayleigh–Ritz on T = Q G Qᵀ, then rotate Q onto the Ritz vectors.
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
    const vectors = matrix(b, s);
    pairs.forEach((p, i) => {
      for (let r = 0; r < b; r++) {
        const y = p.vector[r];
        if (y === 0) continue;
        for (let k = 0; k < s; k++) vectors.data[i * s + k] += y * q.data[r * s + k];
      }
    });
    ritz = { values: pairs.map((p) => p.value), vectors };
    const top = ritz.values.slice(0, count);
    const settled = previous.length === count && top.every((v, i) => Math.abs(v - previous[i]) <= 1e-13 * Math.abs(top[0]));
    if (settled) break;
    previous = top;
    // Next block: the rotated Z, orthonormalized.
    const rotatedZ = matrix(b, s);
    pairs.forEach((p, i) => {
      for (let r = 0; r < b; r++) {
        const y = p.vector[r];
        if (y === 0) continue;
        for (let k = 0; k < s; k++) rotatedZ.data[i * s + k] += y * z.data[r * s + k];
      }
    });
    q = orthonormalizeRows(rotatedZ, 0) ?? vectors;
  }
  return { values: ritz.values.slice(0, count), vectors: { rows: count, cols: s, data: ritz.vectors.data.slice(0, count * s) } };
}

/** Fits the top-K components on the rows of `images` (n × d), through the smaller Gram matrix. */
export function fitPca(images: Matrix, K: number): PcaFit {
  requireInteger('K', K, 1);
  const { rows: n, cols: d } = images;
  if (K > Math.min(n, d)) invalidParameter('K', K, `at most min(images, pixels) = ${Math.min(n, d)}`);
  let totalEnergy = 0;
  for (let i = 0; i < images.data.length; i++) totalEnergy += images.data[i] * images.data[i];
  totalEnergy /= n;
  let components: Matrix;
  let values: number[];
  if (d <= n) {
    const top = topEigen(gramOfColumns(images), K);
    components = top.vectors;
    values = top.values;
  } else {
    // v = Xᵀu/‖Xᵀu‖ for the eigenvectors u of XXᵀ (the same nonzero spectrum, a smaller matrix).
    const top = topEigen(gramOfRows(images), K);
    values = top.values;
    components = matrix(K, d);
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        const u = top.vectors.data[k * n + i];
        if (u === 0) continue;
        for (let j = 0; j < d; j++) components.data[k * d + j] += u * images.data[i * d + j];
      }
    }
  }
  const floor = 1e-12 * Math.max(values[0] ?? 0, 1e-300);
  const weak = values.findIndex((v) => !(v > floor));
  if (weak >= 0) invalidParameter('K', K, `at most the rank of the training images (component ${weak + 1} has no energy)`);
  const orthonormal = orthonormalizeRows(components);
  if (!orthonormal) throw new InputError('PCA: the fitted components are linearly dependent; lower K');
  return { components: orthonormal, eigenvalues: values.map((v) => v / n), totalEnergy };
}

/** Coefficients C = X Vᵀ (n × K) of every image on the components. */
export function projectOnto(images: Matrix, components: Matrix): Matrix {
  if (images.cols !== components.cols) throw new RangeError(`projectOnto: images have ${images.cols} pixels, components ${components.cols}`);
  const { rows: n, cols: d } = images;
  const K = components.rows;
  const out = matrix(n, K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += images.data[i * d + j] * components.data[k * d + j];
      out.data[i * K + k] = s;
    }
  }
  return out;
}

/** Reconstruction X Vᵀ V: every image replaced by its projection onto the components' span. */
export function reconstruct(images: Matrix, components: Matrix): Matrix {
  const coefficients = projectOnto(images, components);
  const { rows: n, cols: d } = images;
  const K = components.rows;
  const out = matrix(n, d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const c = coefficients.data[i * K + k];
      for (let j = 0; j < d; j++) out.data[i * d + j] += c * components.data[k * d + j];
    }
  }
  return out;
}

export type PcaMode = 'global' | 'classwise';

/** The low-rank "clean images" transform, fitted once on the training set and applied to any split. */
export interface CleanImageModel {
  readonly mode: PcaMode;
  readonly K: number;
  /** Components per class (classwise) or one shared fit (global, both entries the same). */
  readonly fits: readonly [PcaFit, PcaFit];
  /** Orthonormal rows spanning the clean span: K (global) or 2K (class +1's components first). */
  readonly basis: Matrix;
  /** K for global PCA, 2K for class-wise. */
  readonly intendedRank: number;
  /** Projects each image onto its class's components (global: the shared ones) and reconstructs. */
  apply(images: Matrix, labels: Float64Array): Matrix;
}

function rowsWithLabel(images: Matrix, labels: Float64Array, label: number): Matrix {
  const keep: number[] = [];
  labels.forEach((y, i) => {
    if (y === label) keep.push(i);
  });
  const out = matrix(keep.length, images.cols);
  keep.forEach((source, row) => out.data.set(images.data.subarray(source * images.cols, (source + 1) * images.cols), row * images.cols));
  return out;
}

export function fitCleanImageModel(images: Matrix, labels: Float64Array, K: number, mode: PcaMode = 'global'): CleanImageModel {
  requireInteger('K', K, 1);
  if (mode !== 'global' && mode !== 'classwise') invalidParameter('pca', mode, "'global' or 'classwise'");
  if (labels.length !== images.rows) throw new InputError(`PCA: ${labels.length} labels for ${images.rows} images`);
  let fits: [PcaFit, PcaFit];
  let basis: Matrix | null;
  if (mode === 'global') {
    const fit = fitPca(images, K);
    fits = [fit, fit];
    basis = fit.components;
  } else {
    fits = [fitPca(rowsWithLabel(images, labels, 1), K), fitPca(rowsWithLabel(images, labels, -1), K)];
    const stacked = matrix(2 * K, images.cols);
    stacked.data.set(fits[0].components.data, 0);
    stacked.data.set(fits[1].components.data, K * images.cols);
    basis = orthonormalizeRows(stacked, 1e-6);
    if (!basis) throw new InputError(`class-wise PCA: the two classes' top-${K} subspaces overlap, so the clean rank is below 2K = ${2 * K}; lower K`);
  }
  const intendedRank = mode === 'global' ? K : 2 * K;
  return {
    mode,
    K,
    fits,
    basis,
    intendedRank,
    apply(x, y) {
      if (y.length !== x.rows) throw new InputError(`PCA: ${y.length} labels for ${x.rows} images`);
      if (mode === 'global') return reconstruct(x, fits[0].components);
      const out = matrix(x.rows, x.cols);
      for (const [c, label] of [[0, 1], [1, -1]] as const) {
        const rows = rowsWithLabel(x, y, label);
        const clean = reconstruct(rows, fits[c].components);
        let next = 0;
        y.forEach((value, i) => {
          if (value !== label) return;
          out.data.set(clean.data.subarray(next * x.cols, (next + 1) * x.cols), i * x.cols);
          next++;
        });
      }
      return out;
    },
  };
}

export interface RankCheck {
  /** Numerical rank of the clean matrix (singular values above 1e-6·σ1). */
  readonly rank: number;
  /** ‖X − XQᵀQ‖F/‖X‖F: how far the rows stray from the clean span (0 up to rounding). */
  readonly residual: number;
}

/**
 * The clean matrix's rank, measured rather than assumed: its rows must lie in the basis's span
 * (residual ≈ 0), and then rank(X) = rank(X Qᵀ), an n × rank(Q) matrix that is cheap to decompose.
 */
export function measureCleanRank(clean: Matrix, basis: Matrix): RankCheck {
  const coefficients = projectOnto(clean, basis);
  const back = reconstruct(clean, basis);
  let diff = 0;
  let total = 0;
  for (let i = 0; i < clean.data.length; i++) {
    diff += (clean.data[i] - back.data[i]) ** 2;
    total += clean.data[i] ** 2;
  }
  return { rank: numericalRank(coefficients, 1e-6), residual: total > 0 ? Math.sqrt(diff / total) : 0 };
}

/** Throws unless the clean data matrix has exactly the intended rank. */
export function verifyCleanRank(clean: Matrix, model: CleanImageModel): RankCheck {
  const check = measureCleanRank(clean, model.basis);
  if (check.residual > 1e-9 || check.rank !== model.intendedRank) {
    throw new InputError(
      `clean images have rank ${check.rank} (residual ${check.residual.toExponential(2)} off the clean span), expected ${model.intendedRank} = ${model.mode === 'global' ? 'K' : '2K'}; use more images per class or a smaller K`,
    );
  }
  return check;
}
