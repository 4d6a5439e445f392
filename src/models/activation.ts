import { requireNumber } from '../parameters/validation.ts';

/** The filter activations of the zhang2025 CNN. */
export type ActivationSpec = { kind: 'huber'; q: number; kappa: number } | { kind: 'relu' } | { kind: 'relu-pow'; q: number };

/** A scalar activation with its derivative, as the CNN and the backends use it. */
export interface Activation {
  readonly spec: ActivationSpec;
  value(z: number): number;
  derivative(z: number): number;
}

export function validateActivation(spec: ActivationSpec): void {
  if (spec.kind === 'huber' || spec.kind === 'relu-pow') requireNumber('q', spec.q, { min: 1 });
  if (spec.kind === 'huber') requireNumber('kappa', spec.kappa, { min: 0, exclusiveMin: true });
}

/**
 * Huberized ReLU: 0 for z ≤ 0, z^q/(q κ^(q−1)) on (0, κ], z − (1 − 1/q)κ above.
 * C¹ with σ(κ) = κ/q and σ'(κ) = 1; the polynomial head makes early learning winner-take-all.
 */
export function huberizedRelu(q: number, kappa: number): Activation {
  const shift = (1 - 1 / q) * kappa;
  return {
    spec: { kind: 'huber', q, kappa },
    value(z) {
      if (z <= 0) return 0;
      if (z > kappa) return z - shift;
      return (Math.pow(z / kappa, q) * kappa) / q;
    },
    derivative(z) {
      if (z <= 0) return 0;
      if (z > kappa) return 1;
      return Math.pow(z / kappa, q - 1);
    },
  };
}

/** ReLU, max(0, z). */
export function relu(): Activation {
  return {
    spec: { kind: 'relu' },
    value: (z) => (z > 0 ? z : 0),
    // σ'(0) = 0: the gradient-flow convention used throughout.
    derivative: (z) => (z > 0 ? 1 : 0),
  };
}

/** ReLU^q, max(0, z)^q. */
export function reluPower(q: number): Activation {
  return {
    spec: { kind: 'relu-pow', q },
    value: (z) => (z > 0 ? Math.pow(z, q) : 0),
    derivative: (z) => (z > 0 ? q * Math.pow(z, q - 1) : 0),
  };
}

/** The activation an ActivationSpec names (Huberized ReLU, ReLU or ReLU^q). */
export function createActivation(spec: ActivationSpec): Activation {
  validateActivation(spec);
  switch (spec.kind) {
    case 'huber':
      return huberizedRelu(spec.q, spec.kappa);
    case 'relu':
      return relu();
    case 'relu-pow':
      return reluPower(spec.q);
  }
}
