import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, linear, logarithmic } from '../../src/parameters/parameter.ts';
import { huberizedReluForm } from '../../src/experiments/zhang2025/huberizedReluForms.ts';
import { zhang2025 } from './paper.ts';

/**
 * P1-C2: the Huberized ReLU is well formed: continuous, C¹ with σ' = min{(z₊/κ)^(q−1), 1},
 * within (1 − 1/q)κ below the ReLU, and its coded derivative matches finite differences.
 */
export const huberizedReluWellFormed = defineClaim({
  id: 'zhang2025/huberized-relu-well-formed',
  paper: { ...zhang2025, where: 'Huberized ReLU (research notes §1.2, §5 P1-C2)' },
  title: 'The Huberized ReLU is continuous, C¹, and close to the ReLU',
  statement:
    'σ(z) = 0 for z ≤ 0, z^q/(qκ^(q−1)) on (0, κ], z − (1 − 1/q)κ above: σ is continuous at 0 and κ with σ(κ) = κ/q, σ′ = min{(z₊/κ)^(q−1), 1} is continuous, 0 ≤ ReLU(z) − σ(z) ≤ (1 − 1/q)κ, and the coded σ′ matches finite differences.',
  provenance: {
    kind: 'derived',
    source: 'research notes §1.2 (formula reconstructed from the Huberized-ReLU literature) and §5 P1-C2 (derivation)',
  },
  conditions: ['q ≥ 3 (the polynomial head of degree q)', 'κ > 0'],
  domain: {
    form: choice(['huberized', 'kappa-power-head'] as const).restrict((f) => f === 'huberized'),
    q: grid([3, 4, 5]),
    kappa: logarithmic(1e-3, 1, 3),
    z: linear(-5, 5, 41),
  },
  passCondition: 'every identity to 1e-6 (finite differences with step 1e-4·κ away from the kinks, 1e-9·κ at them)',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'q = 1 (no polynomial head)',
      why: 'with q = 1 the head is linear, σ is the ReLU itself, and σ′ jumps from 0 to 1 at z = 0',
      domain: { q: grid([1]) },
      expectation: 'must-fail',
    },
    {
      name: 'κ^(−q) z^q head (garbled summary formula)',
      why: 'a head z^q/κ^q reaches 1 at κ while the linear part starts at κ/q, so σ jumps at κ',
      domain: { form: choice(['kappa-power-head'] as const) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 20 }, ci: { runs: 200 }, deep: { runs: 5000 } },
  measure(params) {
    const { q, kappa, z } = params;
    const sigma = huberizedReluForm(params.form, q, kappa);
    const analytic = (x: number) => Math.min(Math.pow(Math.max(x, 0) / kappa, q - 1), 1);
    const kinkStep = 1e-9 * kappa;
    const jump = (f: (x: number) => number, at: number) => Math.abs(f(at + kinkStep) - f(at - kinkStep));
    // Central differences: step 1e-4·κ where σ is smooth (truncation ~1e-8, rounding ~1e-9),
    // 1e-9·κ within one step of a kink (σ″ jumps there; values are O(κ), so rounding stays ~1e-7).
    const nearKink = (x: number) => Math.min(Math.abs(x), Math.abs(x - kappa)) < 2e-4 * kappa;
    const finiteDifference = (x: number) => {
      const h = nearKink(x) ? kinkStep : 1e-4 * kappa;
      return (sigma.value(x + h) - sigma.value(x - h)) / (2 * h);
    };
    const relu = Math.max(z, 0);
    return {
      // Continuity of σ at 0 and κ, and σ(κ) = κ/q.
      valueJumpAtZero: jump(sigma.value, 0),
      valueJumpAtKappa: jump(sigma.value, kappa),
      valueLipschitzAllowance: 2 * kinkStep,
      valueAtKappaError: Math.abs(sigma.value(kappa) - kappa / q),
      // σ′ continuous at both kinks: a jump larger than the Lipschitz bound (q−1)/κ · 2h.
      derivativeJumpAtZero: jump(sigma.derivative, 0),
      derivativeJumpAtKappa: jump(sigma.derivative, kappa),
      derivativeLipschitzAllowance: (Math.max(q - 1, 0) / kappa) * 2 * kinkStep,
      derivativeFormulaError: Math.max(...[z, 0, kappa].map((x) => Math.abs(sigma.derivative(x) - analytic(x)))),
      reluGap: relu - sigma.value(z),
      reluGapBound: (1 - 1 / q) * kappa,
      finiteDifferenceError: Math.max(...[z, 0, kappa].map((x) => Math.abs(finiteDifference(x) - sigma.derivative(x)))),
    };
  },
  holds(m) {
    const tolerance = 1e-6;
    const violations: Record<string, number> = {
      // σ is 1-Lipschitz, so across [x − h, x + h] it may move by 2h and no more.
      'σ continuous at 0': m.valueJumpAtZero - m.valueLipschitzAllowance - 1e-12,
      'σ continuous at κ': m.valueJumpAtKappa - m.valueLipschitzAllowance - 1e-12,
      'σ(κ) = κ/q': m.valueAtKappaError - tolerance,
      'σ′ continuous at 0': m.derivativeJumpAtZero - m.derivativeLipschitzAllowance - tolerance,
      'σ′ continuous at κ': m.derivativeJumpAtKappa - m.derivativeLipschitzAllowance - tolerance,
      'σ′ = min{(z₊/κ)^(q−1), 1}': m.derivativeFormulaError - tolerance,
      'ReLU − σ ≥ 0': -m.reluGap - tolerance,
      'ReLU − σ ≤ (1 − 1/q)κ': m.reluGap - m.reluGapBound - tolerance,
      'finite differences match σ′': m.finiteDifferenceError - tolerance,
    };
    const broken = Object.entries(violations)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1]);
    const worst = Math.max(...Object.values(violations));
    return {
      pass: worst <= 0,
      margin: -worst,
      detail: broken.length ? broken.map(([name, v]) => `${name} (off by ${v.toExponential(2)})`).join('; ') : undefined,
    };
  },
});
