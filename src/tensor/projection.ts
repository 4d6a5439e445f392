/**
 * Patches projected on an orthonormal basis (rows of a t×k array): p = Vᵀx, so later moments
 * cost O(N·t^j) instead of O(N·k^j). Hermite tensors commute with orthonormal projections
 * (H_j(Vᵀx) = H_j(x)(V, …, V) when VᵀV = I), so the projected moments are the reduced tensors.
 */
export function projectPatches(patches: Float64Array, count: number, k: number, basis: Float64Array, t: number): Float64Array {
  const out = new Float64Array(count * t);
  for (let p = 0; p < count; p++) {
    const base = p * k;
    for (let a = 0; a < t; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += basis[a * k + b] * patches[base + b];
      out[p * t + a] = s;
    }
  }
  return out;
}
