import { lusolve } from 'mathjs';
import { gramOfRows, toRows } from '../linalg/matrix.ts';
import { hermiteCoefficient, inverseCoefficient } from '../math/activationMoments.ts';
import type { ScalarActivation } from '../math/scalarActivation.ts';

/** Least squares for the t weights c of Σ_i c_i f_i ≈ target, from the t×t Gram and right-hand side (tiny ridge). */
function solveWeights(gram: number[][], rhs: number[]): number[] {
  const t = rhs.length;
  // A tiny ridge keeps the solve defined when a noisy decomposition returns two equal directions.
  const ridge = 1e-10 * gram.reduce((acc, row, i) => acc + row[i], 0);
  const regularized = gram.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v)));
  return (
    lusolve(
      regularized,
      rhs.map((v) => [v]),
    ) as number[][]
  )
    .map((row) => Number(row[0]))
    .slice(0, t);
}

/**
 * Signs and norms of the kernels (research notes §3.5 step 6). Signs: solve M̂₁ ≈ Σ_i z_i w̄_i by
 * least squares, z_i = v_i·m₁(‖w_i‖); m₁ > 0 for every nondecreasing φ, so sign(z_i/v_i) fixes
 * the sign of w̄_i — the only step that can: M₂ and M₄ are even in w̄, so ReLU's (M₂, M₄) pair
 * never sees it. Norms: from M̂₂ ≈ Σ_i c_i w̄_i w̄_iᵀ (c_i = v_i·m₂(‖w_i‖)) when it is given and
 * m₂ grows with s (the ReLU family and squared ReLU) — k² equations instead of k, and in our runs
 * a lower error (ReLU, k = 4, t = 3, n = 20k, 12 seeds: median error 0.54 → 0.33) — otherwise ‖w_i‖ = m₁⁻¹(|z_i/v_i|).
 */
export function recoverSignsAndNorms(
  directions: Float64Array,
  t: number,
  k: number,
  m1: Float64Array,
  v: Float64Array,
  phi: ScalarActivation,
  m2?: Float64Array,
): { kernels: Float64Array; z: number[] } {
  const gram = toRows(gramOfRows({ rows: t, cols: k, data: directions }));
  const rhs = Array.from({ length: t }, (_, i) => {
    let s = 0;
    for (let a = 0; a < k; a++) s += directions[i * k + a] * m1[a];
    return s;
  });
  const z = solveWeights(gram, rhs);
  let norms = z.map((zi, i) => inverseCoefficient(phi, 1, Math.abs(zi / v[i])));
  const secondGrows = hermiteCoefficient(phi, 2, 2) > hermiteCoefficient(phi, 1, 2) && hermiteCoefficient(phi, 1, 2) > 1e-6;
  if (m2 && secondGrows) {
    // ⟨w̄_i w̄_iᵀ, w̄_j w̄_jᵀ⟩ = (w̄_iᵀw̄_j)², and ⟨M̂₂, w̄_i w̄_iᵀ⟩ = w̄_iᵀ M̂₂ w̄_i.
    const quadratic = Array.from({ length: t }, (_, i) => {
      let s = 0;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += directions[i * k + a] * m2[a * k + b] * directions[i * k + b];
      return s;
    });
    const c = solveWeights(
      gram.map((row) => row.map((g) => g * g)),
      quadratic,
    );
    if (c.every((ci, i) => ci / v[i] > 0)) norms = c.map((ci, i) => inverseCoefficient(phi, 2, ci / v[i]));
  }
  const kernels = new Float64Array(t * k);
  for (let i = 0; i < t; i++) {
    const sign = z[i] / v[i] < 0 ? -1 : 1;
    for (let a = 0; a < k; a++) kernels[i * k + a] = sign * norms[i] * directions[i * k + a];
  }
  return { kernels, z };
}
