import { type Matrix, gramOfColumns, gramOfRows, matrix, multiply, multiplyTransposed, orthonormalizeRows } from '../linalg/matrix.ts';
import { topEigenpairs } from '../linalg/eigen.ts';
import { numericalRank } from '../linalg/stableRank.ts';
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

/** Fits the top-K components on the rows of `images` (n × d), through the smaller Gram matrix. */
export function fitPca(images: Matrix, K: number): PcaFit {
  requireInteger('K', K, 1);
  const { rows: n, cols: d } = images;
  if (K > Math.min(n, d)) invalidParameter('K', K, `at most min(images, pixels) = ${Math.min(n, d)}`);
  let totalEnergy = 0;
  for (let i = 0; i < images.data.length; i++) totalEnergy += images.data[i] * images.data[i];
  totalEnergy /= n;
  // For d > n: v = Xᵀu/‖Xᵀu‖ for the eigenvectors u of XXᵀ (the same nonzero spectrum, a smaller matrix).
  const gram = d <= n ? gramOfColumns(images) : gramOfRows(images);
  const top = topEigenpairs(gram, K);
  const values = top.map((p) => p.value);
  const vectors = matrix(K, gram.rows);
  top.forEach((p, k) => vectors.data.set(p.vector, k * gram.rows));
  // Rows of `vectors` are u_kᵀ, so U X stacks the rows u_kᵀ X = (Xᵀu_k)ᵀ.
  const components = d <= n ? vectors : multiply(vectors, images);
  const floor = 1e-12 * Math.max(values[0] ?? 0, 1e-300);
  const weak = values.findIndex((v) => !(v > floor));
  if (weak >= 0) invalidParameter('K', K, `at most the rank of the training images (component ${weak + 1} has no energy)`);
  const orthonormal = orthonormalizeRows(components);
  if (!orthonormal) throw new InputError('PCA: the fitted components are linearly dependent; lower K');
  return { components: orthonormal, eigenvalues: values.map((v) => v / n), totalEnergy };
}

/** Coefficients C = X Vᵀ (n × K) of every image on the components. */
export function projectOnto(images: Matrix, components: Matrix): Matrix {
  if (images.cols !== components.cols)
    throw new RangeError(`projectOnto: images have ${images.cols} pixels, components ${components.cols}`);
  return multiplyTransposed(images, components);
}

/** Reconstruction X Vᵀ V: every image replaced by its projection onto the components' span. */
export function reconstruct(images: Matrix, components: Matrix): Matrix {
  return multiply(projectOnto(images, components), components);
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
    if (!basis)
      throw new InputError(
        `class-wise PCA: the two classes' top-${K} subspaces overlap, so the clean rank is below 2K = ${2 * K}; lower K`,
      );
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
      for (const [c, label] of [
        [0, 1],
        [1, -1],
      ] as const) {
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
  const back = multiply(coefficients, basis);
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
