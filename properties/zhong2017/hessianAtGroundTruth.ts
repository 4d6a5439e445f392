import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, integers } from '../../src/parameters/parameter.ts';
import { type ActivationName, scalarActivation } from '../../src/math/scalarActivation.ts';
import { rho } from '../../src/math/activationMoments.ts';
import { singularValues } from '../../src/linalg/stableRank.ts';
import { buildInstance, curvatureAtTruth } from '../../src/experiments/zhong2017/setup.ts';
import { zhong2017 } from './paper.ts';

/** λ_max ≤ C·t·r²·σ₁^{2p}; C calibrated once: the largest ratio seen is ≈ 2 (squared ReLU, r = 1, n = 20·k·t), doubled. */
const UPPER_CONSTANT = 4;

/**
 * P3-C2 (T1 at W*): the empirical Hessian at the ground truth, JᵀJ/n (the residuals vanish), is
 * positive definite with λ_min ≥ ½·r·ρ(σ_t)/(κ²λ) once n is a modest multiple of k·t.
 */
export const hessianAtGroundTruth = defineClaim({
  id: 'zhong2017/hessian-at-ground-truth',
  paper: { ...zhong2017, where: 'local strong convexity theorem (research notes §3.4 T1, §5 P3-C2)' },
  title: 'The empirical Hessian at W* is positive definite with a ρ-type lower bound',
  statement:
    'At W*, λ_min(∇²f_S) = λ_min(JᵀJ/n) ≥ ½·r·ρ(σ_t)/(κ²λ) and λ_max ≤ C·t·r²·σ₁^{2p}, with κ = σ₁/σ_t, λ = Πσ_i/σ_t^t (the ZSJBD17 bound with the CNN factor r).',
  provenance: {
    kind: 'reconstructed',
    source: 'research notes §3.4 (CNN reduction H_CNN ⪰ r·H_FC [D]) and §5 P3-C2; the ½ and C are our calibration',
  },
  conditions: [
    'x ~ N(0, I_{kr}), noiseless labels',
    'n = factor·k·t samples with factor ≥ 20',
    'ρ(σ_t) > 0',
    'W* with distinct kernels (σ_t > 0)',
  ],
  domain: {
    activation: choice<ActivationName>(['relu', 'leaky-relu', 'squared-relu', 'sigmoid', 'tanh']),
    k: integers(3, 8),
    tFraction: grid([1, 0.5, 0.75, 0.25]),
    r: integers(1, 6),
    kappa: grid([1, 1.5, 2, 3, 4]),
    factor: grid([20, 50, 100, 200]),
    duplicate: choice<'no' | 'yes'>(['no']),
  },
  passCondition: 'λ_min > 1e-8·λ_max (positive definite), λ_min ≥ ½·r·ρ(σ_t)/(κ²λ), λ_max ≤ 4·t·r²·σ₁^{2p}',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'linear activation',
      why: 'ρ = 0: only Σ_j w_j enters f, so JᵀJ is singular along w_i ↦ w_i + Δ, w_j ↦ w_j − Δ',
      domain: { activation: choice<ActivationName>(['linear']), tFraction: grid([1, 0.5]), k: integers(3, 6) },
      expectation: 'must-fail',
    },
    {
      name: 'fewer samples than parameters (n < k·t)',
      why: 'JᵀJ/n has rank ≤ n < k·t',
      domain: { factor: grid([0.25, 0.5, 0.75]), k: integers(4, 8) },
      expectation: 'must-fail',
    },
    {
      name: 'two identical kernels',
      why: 'w_1 = w_2 duplicates J’s column blocks: the direction (+Δ, −Δ) has zero curvature (σ_t = 0, κ = ∞)',
      domain: { duplicate: choice<'no' | 'yes'>(['yes']), tFraction: grid([1, 0.5]) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 5 }, ci: { runs: 25, claimTimeMs: 10_000 }, deep: { runs: 300 } },
  measure(p, { rng }) {
    const t = Math.max(p.duplicate === 'yes' ? 2 : 1, Math.round(p.tFraction * p.k));
    const n = Math.max(1, Math.round(p.factor * p.k * t));
    const instance = buildInstance(rng, {
      activation: p.activation,
      k: p.k,
      r: p.r,
      t,
      kappa: p.kappa,
      n,
      duplicate: p.duplicate === 'yes',
    });
    const { min, max } = curvatureAtTruth(instance);
    // Singular values of W* (descending), from the t×t Gram of its kernels (t ≤ k).
    const s = singularValues({ rows: t, cols: p.k, data: instance.truth });
    const sigmaT = s[t - 1];
    const phi = scalarActivation(p.activation);
    let lowerBound = 0;
    if (sigmaT > 1e-12) {
      const kappa = s[0] / sigmaT;
      const lambda = s.reduce((acc, v) => acc * (v / sigmaT), 1);
      lowerBound = Math.max(0, (0.5 * p.r * rho(phi, sigmaT)) / (kappa * kappa * lambda));
    }
    const upperBound = UPPER_CONSTANT * t * p.r * p.r * s[0] ** (2 * phi.growth);
    return { t, n, lambdaMin: min, lambdaMax: max, lowerBound, upperBound, sigmaT };
  },
  holds(m) {
    const definite = m.lambdaMin > 1e-8 * m.lambdaMax;
    const above = m.lambdaMin >= m.lowerBound;
    const below = m.lambdaMax <= m.upperBound;
    const ratio = m.lowerBound > 0 ? m.lambdaMin / m.lowerBound : m.lambdaMin / Math.max(m.lambdaMax, 1e-300) / 1e-8;
    return {
      pass: definite && above && below,
      margin: Math.min(Math.log10(Math.max(ratio, 1e-300)), Math.log10(m.upperBound / m.lambdaMax)),
      detail: !(definite && above && below)
        ? `λ_min = ${m.lambdaMin.toExponential(3)} (bound ${m.lowerBound.toExponential(3)}), λ_max = ${m.lambdaMax.toExponential(3)} (bound ${m.upperBound.toExponential(3)}), n = ${m.n}, t = ${m.t}`
        : undefined,
    };
  },
});
