import type { PatchDataset } from '../../data/patchDataset.ts';
import type { ActivationSpec } from '../../models/activation.ts';

/**
 * An upper bound on the smoothness constant of L_S (research notes P1-C9): the Hessian is
 * (1/n)Σ[ℓ″∇f∇fᵀ + ℓ′y∇²f] with |ℓ″| ≤ 1/4, |ℓ′| ≤ 1, ‖∇f‖² ≤ 2P²R²/m and
 * ‖∇²f‖ ≤ P·R²·max σ″/m, where R is the largest patch norm and max σ″ = (q − 1)/κ.
 * Gradient descent with η < 2/L cannot increase the loss (the descent lemma).
 */
export function smoothnessBound(data: PatchDataset, filtersPerClass: number, activation: ActivationSpec): number {
  let largest = 0;
  for (let start = 0; start < data.x.length; start += data.dim) {
    let s = 0;
    for (let k = 0; k < data.dim; k++) s += data.x[start + k] ** 2;
    largest = Math.max(largest, s);
  }
  const curvature = activation.kind === 'huber' ? (activation.q - 1) / activation.kappa : Number.POSITIVE_INFINITY;
  const P = data.patches;
  return (0.25 * 2 * P * P * largest) / filtersPerClass + (P * largest * curvature) / filtersPerClass;
}
