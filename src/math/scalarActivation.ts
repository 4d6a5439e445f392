import { invalidParameter } from '../parameters/validation.ts';

/**
 * The scalar activations of the non-overlapping CNN papers, with the first two derivatives
 * (the Hessian needs φ', the GD gradient needs φ'). `kink` tells quadrature where to split.
 */
export interface ScalarActivation {
  readonly name: ActivationName;
  readonly value: (z: number) => number;
  readonly derivative: (z: number) => number;
  /** Where φ' jumps (quadrature splits there), null for smooth activations. */
  readonly kink: number | null;
  /** Degree p in φ'(z) ≤ L|z|^p (ZSJBD17 Property 3.1); used for the σ₁^{2p} scale of λ_max. */
  readonly growth: number;
  /** out[i] = φ(z[i]) and φ'(z[i]) for a whole buffer: one call per GD step keeps the hot loop monomorphic. */
  readonly applyBoth: (z: Float64Array, value: Float64Array, derivative: Float64Array) => void;
}

/**
 * Builds the buffer version from code generated per activation: a shared loop calling `value`
 * through a closure would be megamorphic (one call site, seven functions) and several times slower.
 */
function withBuffers(
  base: Omit<ScalarActivation, 'applyBoth'>,
  valueExpression: string,
  derivativeExpression: string,
  constants: Record<string, number> = {},
): ScalarActivation {
  const names = Object.keys(constants);
  const body = `return function applyBoth(z, value, derivative) {
    for (let i = 0; i < z.length; i++) { const x = z[i]; value[i] = ${valueExpression}; derivative[i] = ${derivativeExpression}; }
  };`;
  const applyBoth = new Function(...names, body)(...names.map((n) => constants[n])) as ScalarActivation['applyBoth'];
  return { ...base, applyBoth };
}

export const activationNames = ['relu', 'leaky-relu', 'squared-relu', 'sigmoid', 'tanh', 'linear', 'quadratic', 'shifted-relu'] as const;
export type ActivationName = (typeof activationNames)[number];

export interface ActivationOptions {
  /** Leaky-ReLU slope α ∈ (0, 1). */
  readonly leak?: number;
  /** Shift b of the shifted ReLU max(z − b, 0). */
  readonly shift?: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function scalarActivation(name: ActivationName, options: ActivationOptions = {}): ScalarActivation {
  switch (name) {
    case 'relu':
      return withBuffers(
        { name, value: (z) => (z > 0 ? z : 0), derivative: (z) => (z > 0 ? 1 : 0), kink: 0, growth: 0 },
        'x > 0 ? x : 0',
        'x > 0 ? 1 : 0',
      );
    case 'leaky-relu': {
      const a = options.leak ?? 0.1;
      if (!(a > 0 && a < 1)) invalidParameter('leak', a, 'in (0, 1)');
      return withBuffers(
        { name, value: (z) => (z > 0 ? z : a * z), derivative: (z) => (z > 0 ? 1 : a), kink: 0, growth: 0 },
        'x > 0 ? x : a * x',
        'x > 0 ? 1 : a',
        { a },
      );
    }
    case 'squared-relu':
      return withBuffers(
        { name, value: (z) => (z > 0 ? z * z : 0), derivative: (z) => (z > 0 ? 2 * z : 0), kink: 0, growth: 1 },
        'x > 0 ? x * x : 0',
        'x > 0 ? 2 * x : 0',
      );
    case 'sigmoid':
      return withBuffers(
        { name, value: sigmoid, derivative: (z) => sigmoid(z) * (1 - sigmoid(z)), kink: null, growth: 0 },
        'x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))',
        'value[i] * (1 - value[i])',
      );
    case 'tanh':
      return withBuffers(
        { name, value: Math.tanh, derivative: (z) => 1 - Math.tanh(z) ** 2, kink: null, growth: 0 },
        'Math.tanh(x)',
        '1 - value[i] * value[i]',
      );
    case 'linear':
      return withBuffers({ name, value: (z) => z, derivative: () => 1, kink: null, growth: 0 }, 'x', '1');
    case 'quadratic':
      return withBuffers({ name, value: (z) => z * z, derivative: (z) => 2 * z, kink: null, growth: 1 }, 'x * x', '2 * x');
    case 'shifted-relu': {
      const b = options.shift ?? 0.5;
      // Outside the paper: the bias breaks the Hermite zero pattern (research notes P3-C8).
      return withBuffers(
        { name, value: (z) => (z > b ? z - b : 0), derivative: (z) => (z > b ? 1 : 0), kink: b, growth: 0 },
        'x > b ? x - b : 0',
        'x > b ? 1 : 0',
        { b },
      );
    }
    default:
      return invalidParameter('activation', name, `one of ${activationNames.join(', ')}`);
  }
}
