import { multiplyTransposed } from '../linalg/matrix.ts';

/**
 * Patches projected on an orthonormal basis (rows of a t×k array): p = Vᵀx, so later moments
 * cost O(N·t^j) instead of O(N·k^j). Hermite tensors commute with orthonormal projections
 * (H_j(Vᵀx) = H_j(x)(V, …, V) when VᵀV = I), so the projected moments are the reduced tensors.
 */
export function projectPatches(patches: Float64Array, count: number, k: number, basis: Float64Array, t: number): Float64Array {
  return multiplyTransposed({ rows: count, cols: k, data: patches }, { rows: t, cols: k, data: basis }).data;
}
