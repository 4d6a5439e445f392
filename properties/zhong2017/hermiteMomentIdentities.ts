import { defineClaim } from '../../src/claims/claim.ts';
import { hypotNorm } from '../../src/linalg/matrix.ts';
import { choice, grid, integers } from '../../src/parameters/parameter.ts';
import { type ActivationName } from '../../src/math/scalarActivation.ts';
import { hermiteCoefficient } from '../../src/math/activationMoments.ts';
import { hermiteMomentTensor, symmetricRankOneSum } from '../../src/tensor/hermiteTensor.ts';
import { buildInstance } from '../../src/experiments/zhong2017/setup.ts';
import { zhong2017 } from './paper.ts';

/**
 * P3-C4: E[y·H_j(x_l)] = Σ_i v_i m_j(‖w_i‖) w̄_i^{⊗j} for every patch l — the other patches drop
 * out by independence — so the empirical moment averaged over all n·r patches matches the
 * quadrature prediction within Monte-Carlo error.
 */
export const hermiteMomentIdentities = defineClaim({
  id: 'zhong2017/hermite-moment-identities',
  paper: { ...zhong2017, where: 'tensor initialization, moment identities (research notes §3.5 [D], P3-C4)' },
  title: 'Patch-averaged Hermite moments equal Σ m_j(‖w_i‖) w̄_i^{⊗j}',
  statement:
    'M̂_j = mean over patches of y·H_j(x_l) satisfies ‖M̂_j − Σ_i m_j(‖w_i‖)w̄_i^{⊗j}‖_F ≤ 4·(Monte-Carlo standard error), j = 1..4; in particular M₃ = 0 for ReLU-type φ and M₂ = M₄ = 0 for sigmoid and tanh.',
  provenance: { kind: 'derived', source: 'research notes §3.5 moment identities and §5 P3-C4' },
  conditions: [
    'x ~ N(0, I_{kr})',
    'H_j the Hermite tensors (x⊗x − I, x^{⊗3} − x⊗̃I, …)',
    'standard error from the per-entry sample variances',
  ],
  domain: {
    activation: choice<ActivationName>(['relu', 'leaky-relu', 'squared-relu', 'sigmoid', 'tanh']),
    order: integers(1, 4),
    k: integers(3, 5),
    t: integers(1, 3),
    r: integers(1, 3),
    kappa: grid([1, 2]),
    n: grid([20_000, 40_000]),
    corrected: choice<'hermite' | 'raw'>(['hermite']),
  },
  passCondition: '‖M̂_j − M_j‖_F ≤ 4·SE',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'raw moments without the Hermite correction',
      why: 'E[y·x xᵀ] = M₂ + E[y]·I, and E[y] sums r·t terms of a nonnegative φ; the raw third moment adds M₁⊗̃I',
      domain: {
        corrected: choice<'hermite' | 'raw'>(['raw']),
        order: integers(2, 4),
        activation: choice<ActivationName>(['relu', 'squared-relu', 'sigmoid']),
      },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 4 }, ci: { runs: 16, claimTimeMs: 10_000 }, deep: { runs: 200 } },
  measure(p, { rng }) {
    const t = Math.min(p.t, p.k);
    const { model, truth, data } = buildInstance(rng, { activation: p.activation, k: p.k, r: p.r, t, kappa: p.kappa, n: p.n });
    const count = data.n * p.r;
    const estimate = hermiteMomentTensor(data.x, count, p.k, p.order, (q) => data.y[Math.floor(q / p.r)], {
      corrected: p.corrected === 'hermite',
    });
    const weights: number[] = [];
    const directions = new Float64Array(t * p.k);
    for (let i = 0; i < t; i++) {
      const norm = hypotNorm(truth.subarray(i * p.k, (i + 1) * p.k));
      weights.push(model.v[i] * hermiteCoefficient(model.activation, norm, p.order));
      for (let a = 0; a < p.k; a++) directions[i * p.k + a] = truth[i * p.k + a] / norm;
    }
    const predicted = symmetricRankOneSum(weights, directions, p.k, p.order);
    let distance = 0;
    let size = 0;
    for (let i = 0; i < predicted.length; i++) {
      distance += (estimate.data[i] - predicted[i]) ** 2;
      size += predicted[i] ** 2;
    }
    return { distance: Math.sqrt(distance), standardError: estimate.standardError, predictedNorm: Math.sqrt(size) };
  },
  holds(m) {
    const ratio = m.distance / m.standardError;
    return {
      pass: ratio <= 4,
      margin: 4 - ratio,
      detail:
        ratio > 4
          ? `‖M̂ − M‖ = ${m.distance.toExponential(3)} is ${ratio.toFixed(1)} standard errors (‖M‖ = ${m.predictedNorm.toExponential(3)})`
          : undefined,
    };
  },
});
