import type { Rng } from '../random/rng.ts';
import { invalidParameter } from '../parameters/validation.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { matrix, hypotNorm } from '../linalg/matrix.ts';

/**
 * Jennrich's simultaneous diagonalization of a symmetric tensor T = Σ_i c_i u_i^{⊗j} in R^t
 * (j = 3 or 4) with linearly independent, not necessarily orthogonal u_i (research notes §3.5
 * step 5). Contracting all but two modes gives T_a = U diag(c_i (u_iᵀa)^{j−2}) Uᵀ.
 *
 * Done in its symmetric form: pick b with T_b definite (all c_i(u_iᵀb)^{j−2} of one sign; for
 * j = 4 that is automatic when the c_i share a sign), whiten with it (W T_b Wᵀ = ±I, so W U D_b^{½}
 * is orthogonal), then the eigenvectors o_i of the symmetric W T_a Wᵀ give u_i ∝ W⁻¹o_i. Only the
 * Jacobi eigensolver is needed: mathjs' non-symmetric `eigs` draws Math.random and returned
 * degenerate eigenvectors here. a and b are the best of several candidates from `rng`.
 * Returns unit rows u_i (t×t), each up to sign.
 */
export function jennrichDecomposition(tensor: Float64Array, t: number, order: number, rng: Rng, candidates = 64): Float64Array {
  if (order !== 3 && order !== 4) invalidParameter('order', order, '3 or 4 for the decomposed tensor');
  if (t === 1) return Float64Array.of(1);
  const contract = (w: Float64Array): Float64Array => {
    const out = new Float64Array(t * t);
    for (let i = 0; i < t; i++)
      for (let j = 0; j < t; j++) {
        let s = 0;
        for (let e = 0; e < t; e++) {
          if (order === 3) s += tensor[(i * t + j) * t + e] * w[e];
          else for (let f = 0; f < t; f++) s += tensor[((i * t + j) * t + e) * t + f] * w[e] * w[f];
        }
        out[i * t + j] = s;
      }
    return out;
  };
  const unit = (): Float64Array => {
    const w = Float64Array.from({ length: t }, () => rng.gaussian());
    const length = hypotNorm(w);
    return w.map((x) => x / length);
  };

  // b: definite T_b, best conditioned; failing definiteness, the best conditioned overall.
  let whitening: { vectors: Float64Array[]; scales: number[] } | null = null;
  let bestScore = -Infinity;
  for (let c = 0; c < candidates; c++) {
    const pairs = symmetricEigen(matrix(t, t, contract(unit())));
    const values = pairs.map((p) => p.value);
    const definite = values.every((v) => v > 0) || values.every((v) => v < 0);
    const magnitudes = values.map(Math.abs);
    const score = Math.min(...magnitudes) / Math.max(...magnitudes, 1e-300) + (definite ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      whitening = { vectors: pairs.map((p) => p.vector), scales: magnitudes.map((m) => Math.sqrt(Math.max(m, 1e-300))) };
    }
  }
  const { vectors, scales } = whitening!;
  // W = |Λ|^{-½} Qᵀ and W⁻¹ = Q |Λ|^{½}.
  const whiten = (m: Float64Array): Float64Array => {
    const out = new Float64Array(t * t);
    for (let p = 0; p < t; p++)
      for (let q = 0; q < t; q++) {
        let s = 0;
        for (let i = 0; i < t; i++) for (let j = 0; j < t; j++) s += vectors[p][i] * m[i * t + j] * vectors[q][j];
        out[p * t + q] = s / (scales[p] * scales[q]);
      }
    return out;
  };

  // a: the whitened T_a whose eigenvalues are best separated.
  let best: Float64Array[] = [];
  let bestGap = -Infinity;
  for (let c = 0; c < candidates; c++) {
    const pairs = symmetricEigen(matrix(t, t, whiten(contract(unit()))));
    const values = pairs.map((p) => p.value);
    const spread = Math.max(...values.map(Math.abs), 1e-300);
    let gap = Infinity;
    for (let i = 1; i < values.length; i++) gap = Math.min(gap, Math.abs(values[i - 1] - values[i]));
    if (gap / spread > bestGap) [best, bestGap] = [pairs.map((p) => p.vector), gap / spread];
  }
  const out = new Float64Array(t * t);
  best.forEach((o, i) => {
    const u = new Float64Array(t);
    for (let a = 0; a < t; a++) for (let p = 0; p < t; p++) u[a] += vectors[p][a] * scales[p] * o[p];
    const length = hypotNorm(u) || 1;
    for (let a = 0; a < t; a++) out[i * t + a] = u[a] / length;
  });
  return out;
}
