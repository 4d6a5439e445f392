import { type Matrix, multiplyTransposed, toRows } from '../linalg/matrix.ts';

/**
 * How the filters sit relative to the clean signal directions u(c,k) (research notes §1.3):
 * cosines, each filter's best direction, the norm-weighted max-cosine, the signal-energy
 * fraction, coverage of the K directions by each class's large filters, and whether each
 * large filter's winner was already its best direction at initialization.
 */
export interface FilterAlignment {
  /** cos(w_j, u_b), rows = 2m filters, cols = 2K directions. */
  readonly cosines: number[][];
  /** Per filter: index of max |cos| over all 2K directions. */
  readonly bestDirection: number[];
  /** Σ_j ‖w_j‖² max_b |cos(w_j, u_b)| / Σ_j ‖w_j‖². */
  readonly weightedMaxCosine: number;
  /** ‖Π_U W‖F² / ‖W‖F². */
  readonly signalFraction: number;
  /** Per class: distinct own-class directions among its large filters (‖w‖ ≥ 0.3·max in class). */
  readonly coverage: [number, number];
}

export interface AlignmentOptions {
  /** A filter counts as large when its norm is at least this fraction of its class's largest. */
  readonly largeFraction?: number;
}

function filterNorms(weights: Float64Array, rows: number, dim: number): number[] {
  return Array.from({ length: rows }, (_, j) => {
    let s = 0;
    for (let k = 0; k < dim; k++) s += weights[j * dim + k] ** 2;
    return Math.sqrt(s);
  });
}

/** Inner products ⟨w_j, u_b⟩ (rows = filters). */
export function projections(weights: Float64Array, rows: number, basis: Matrix): number[][] {
  return toRows(multiplyTransposed({ rows, cols: basis.cols, data: weights }, basis));
}

/** How well the trained filters align with the clean directions (projections onto the basis). */
export function filterAlignment(
  weights: Float64Array,
  filtersPerClass: number,
  basis: Matrix,
  options: AlignmentOptions = {},
): FilterAlignment {
  const rows = 2 * filtersPerClass;
  const dim = basis.cols;
  const K = basis.rows / 2;
  const norms = filterNorms(weights, rows, dim);
  const inner = projections(weights, rows, basis);
  const cosines = inner.map((r, j) => r.map((v) => (norms[j] > 0 ? v / norms[j] : 0)));
  const bestDirection = cosines.map((r) => r.reduce((best, v, b) => (Math.abs(v) > Math.abs(r[best]) ? b : best), 0));
  let weighted = 0;
  let total = 0;
  let signal = 0;
  for (let j = 0; j < rows; j++) {
    const energy = norms[j] ** 2;
    total += energy;
    weighted += energy * Math.abs(cosines[j][bestDirection[j]]);
    signal += inner[j].reduce((s, v) => s + v * v, 0);
  }
  const largeFraction = options.largeFraction ?? 0.3;
  const coverage = [0, 1].map((c) => {
    const own = Array.from({ length: filtersPerClass }, (_, r) => c * filtersPerClass + r);
    const largest = Math.max(...own.map((j) => norms[j]));
    const directions = new Set<number>();
    for (const j of own) {
      if (norms[j] < largeFraction * largest || largest === 0) continue;
      // Own-class directions: class +1 filters learn u(+1,·) = rows 0..K−1, class −1 rows K..2K−1.
      const ownCos = cosines[j].slice(c * K, (c + 1) * K);
      directions.add(ownCos.reduce((best, v, b) => (v > ownCos[best] ? b : best), 0));
    }
    return directions.size;
  }) as [number, number];
  return {
    cosines,
    bestDirection,
    weightedMaxCosine: total > 0 ? weighted / total : 0,
    signalFraction: total > 0 ? signal / total : 0,
    coverage,
  };
}

/**
 * Fraction of large filters whose final own-class winner argmax_k ⟨w_T, u(c,k)⟩ equals the one
 * at initialization argmax_k ⟨w_0, u(c,k)⟩ (research notes P1-C7).
 */
export function initialWinnerAgreement(
  initial: Float64Array,
  final: Float64Array,
  filtersPerClass: number,
  basis: Matrix,
  options: AlignmentOptions = {},
): number {
  const rows = 2 * filtersPerClass;
  const K = basis.rows / 2;
  const norms = filterNorms(final, rows, basis.cols);
  const start = projections(initial, rows, basis);
  const end = projections(final, rows, basis);
  const largeFraction = options.largeFraction ?? 0.3;
  let agree = 0;
  let counted = 0;
  for (let c = 0; c < 2; c++) {
    const own = Array.from({ length: filtersPerClass }, (_, r) => c * filtersPerClass + r);
    const largest = Math.max(...own.map((j) => norms[j]));
    for (const j of own) {
      if (largest === 0 || norms[j] < largeFraction * largest) continue;
      const argmax = (v: number[]) => v.slice(c * K, (c + 1) * K).reduce((best, x, b, arr) => (x > arr[best] ? b : best), 0);
      counted++;
      if (argmax(start[j]) === argmax(end[j])) agree++;
    }
  }
  return counted ? agree / counted : 0;
}
