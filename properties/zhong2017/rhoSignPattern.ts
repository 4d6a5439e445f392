import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, linear } from '../../src/parameters/parameter.ts';
import { rho } from '../../src/math/activationMoments.ts';
import { type ActivationName, scalarActivation } from '../../src/math/scalarActivation.ts';
import { zhong2017 } from './paper.ts';

const RELU_RHO = 1 / 4 - 1 / (2 * Math.PI);

/**
 * P3-C1: ρ(σ) > 0 (ZSJBD17 Property 3.2) for the five activations the abstract names; linear
 * (ρ = 0) and quadratic (ρ = −4σ²) are the counterexamples for local strong convexity.
 */
export const rhoSignPattern = defineClaim({
  id: 'zhong2017/rho-sign-pattern',
  paper: { ...zhong2017, where: 'activation assumption (ZSJBD17 Property 3.2; research notes §3.3, P3-C1)' },
  title: 'ρ(σ) is positive for ReLU, leaky ReLU, squared ReLU, sigmoid and tanh',
  statement:
    'ρ(σ) = min{β₀ − α₀² − α₁², β₂ − α₁² − α₂², α₀α₂ − α₁²} > 0, with α_q = E[φ′(σz)z^q], β_q = E[φ′(σz)²z^q]; ReLU gives 1/4 − 1/(2π) at every σ, leaky ReLU (1 − α)² times that, squared ReLU 0.2732σ².',
  provenance: {
    kind: 'derived',
    source: 'research notes §3.3 table and §5 P3-C1 (quadrature; closed forms for the homogeneous activations)',
  },
  conditions: ['z ~ N(0, 1)', 'Gauss–Hermite with 200 nodes; split Gauss–Legendre halves at the kink'],
  domain: {
    activation: choice<ActivationName>(['relu', 'leaky-relu', 'squared-relu', 'sigmoid', 'tanh']),
    sigma: linear(0.1, 3, 30),
    leak: grid([0.01, 0.05, 0.1, 0.2, 0.3, 0.5]),
  },
  passCondition: 'ρ(σ) > 1e-8, and equal (1e-9 relative) to the closed form where one exists',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'linear activation',
      why: 'φ(z) = z has α₀ = β₀ = 1 and α₁ = α₂ = 0, so ρ = 0: only Σ_j w_j is identifiable',
      domain: { activation: choice<ActivationName>(['linear']) },
      expectation: 'must-fail',
    },
    {
      name: 'quadratic activation',
      why: 'φ(z) = z² is even, w and −w give the same network; ρ = −4σ²',
      domain: { activation: choice<ActivationName>(['quadratic']) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 10 }, ci: { runs: 60, claimTimeMs: 8000 }, deep: { runs: 500 } },
  measure(p) {
    const phi = scalarActivation(p.activation, { leak: p.leak });
    const value = rho(phi, p.sigma);
    const closed =
      p.activation === 'relu'
        ? RELU_RHO
        : p.activation === 'leaky-relu'
          ? (1 - p.leak) ** 2 * RELU_RHO
          : p.activation === 'squared-relu'
            ? p.sigma ** 2 * rho(phi, 1)
            : p.activation === 'linear'
              ? 0
              : p.activation === 'quadratic'
                ? -4 * p.sigma ** 2
                : null;
    return { rho: value, closedForm: closed };
  },
  holds(m) {
    const closedOk = m.closedForm === null || Math.abs(m.rho - m.closedForm) <= 1e-9 * Math.max(Math.abs(m.closedForm), 1e-3);
    return {
      pass: m.rho > 1e-8 && closedOk,
      margin: m.rho,
      detail: !closedOk
        ? `ρ = ${m.rho} differs from the closed form ${m.closedForm}`
        : m.rho <= 1e-8
          ? `ρ = ${m.rho.toExponential(3)} (closed form ${m.closedForm})`
          : undefined,
    };
  },
});
