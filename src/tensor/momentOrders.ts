import { hermiteCoefficient } from '../math/activationMoments.ts';
import type { ScalarActivation } from '../math/scalarActivation.ts';
import { InputError } from '../parameters/validation.ts';

/**
 * Which moments carry the kernels (research notes §3.5 zero-pattern table): j₂ = first j ≥ 2
 * with m_j ≠ 0 (the subspace), j₃ = first j ≥ 3 with m_j ≠ 0 (the tensor to decompose).
 * ReLU-type: (2, 4) since m₃ = 0; sigmoid/tanh: (3, 3) since m₂ = m₄ = 0; squared ReLU: (2, 3).
 */
export interface MomentOrders {
  readonly subspace: number;
  readonly decomposition: number;
  /** m_1..m_4 at the reference scale, for the report. */
  readonly coefficients: number[];
}

export function chooseMomentOrders(phi: ScalarActivation, options: { scale?: number; tolerance?: number } = {}): MomentOrders {
  const scale = options.scale ?? 1;
  const tolerance = options.tolerance ?? 1e-8;
  const coefficients = [1, 2, 3, 4].map((j) => hermiteCoefficient(phi, scale, j));
  const nonzero = (j: number) => Math.abs(coefficients[j - 1]) > tolerance;
  const subspace = [2, 3, 4].find(nonzero);
  const decomposition = [3, 4].find(nonzero);
  if (subspace === undefined || decomposition === undefined || !nonzero(1)) {
    throw new InputError(
      `activation ${phi.name}: moments m_1..m_4 = ${coefficients.map((c) => c.toPrecision(3)).join(', ')} carry no identifiable kernels (need m_1 ≠ 0, some m_j ≠ 0 for j ∈ {2,3,4} and for j ∈ {3,4})`,
    );
  }
  return { subspace, decomposition, coefficients };
}
