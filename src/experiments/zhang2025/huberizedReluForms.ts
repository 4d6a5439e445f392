import { huberizedRelu, type Activation } from '../../models/activation.ts';

/**
 * The Huberized ReLU as the harness implements it, and the garbled form found in a secondary
 * summary (research notes §0: "κ^(−q) z^q" head, not continuous at κ). The second exists only
 * so that the well-formedness claim can be shown failing on it.
 */
export type HuberizedReluForm = 'huberized' | 'kappa-power-head';

export function huberizedReluForm(form: HuberizedReluForm, q: number, kappa: number): Activation {
  if (form === 'huberized') return huberizedRelu(q, kappa);
  const shift = (1 - 1 / q) * kappa;
  return {
    spec: { kind: 'huber', q, kappa },
    value: (z) => (z <= 0 ? 0 : z > kappa ? z - shift : Math.pow(z / kappa, q)),
    derivative: (z) => (z <= 0 ? 0 : z > kappa ? 1 : (q * Math.pow(z, q - 1)) / Math.pow(kappa, q)),
  };
}
