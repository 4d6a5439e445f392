import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, integers } from '../../src/parameters/parameter.ts';
import { type ActivationName } from '../../src/math/scalarActivation.ts';
import { permutationInvariantError } from '../../src/models/nonOverlappingCnn.ts';
import { sampleData } from '../../src/data/zhong2017/teacherData.ts';
import { tensorInitialization } from '../../src/tensor/tensorInitialization.ts';
import { median } from '../../src/claims/statistics.ts';
import { buildInstance } from '../../src/experiments/zhong2017/setup.ts';
import { zhong2017 } from './paper.ts';

const GROWTH = [1, 4, 16];
const REPEATS = 3;
/** ReLU-type activations decompose the fourth moment (m₃ = 0), whose variance is larger: they get more samples. */
const FOURTH_ORDER_SAMPLES = 2.5;

/** Least-squares slope of log y against log x. */
function logSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map((v) => Math.log(Math.max(v, 1e-300)));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

/**
 * P3-C5 (T3): the tensor method — subspace from M_{j₂}, Jennrich on M_{j₃} projected to it,
 * signs and norms from M₁ — lands in the basin of C3 (relative error ≤ 0.3), and its error falls
 * like n^{−1/2} (each moment is an average of n·r patches).
 */
export const tensorInitializationBasin = defineClaim({
  id: 'zhong2017/tensor-initialization-basin',
  paper: { ...zhong2017, where: 'tensor initialization (research notes §3.4 T3, §3.5, §5 P3-C5)' },
  title: 'Tensor initialization lands in the basin, with error ∝ n^(−1/2)',
  statement:
    'With n samples the tensor-method estimate W⁰ has ‖W⁰ − W*‖ ≤ ε·poly(t, κ)·‖W*‖ for n ∝ ε⁻²·d: relative error ≤ 0.3 at the largest n, and the fitted slope of log error vs log n lies in [−0.8, −0.2].',
  provenance: {
    kind: 'reconstructed',
    source:
      'research notes §3.4 T3, §3.5 algorithm (α-free variant, see src/tensor/tensorInitialization.ts), §5 P3-C5 thresholds. Holding domain narrowed to squared ReLU (the notes’ simulated case) after the pass-rate breakdown of 150 CI runs: squared ReLU 40/41, ReLU 57/61 (0.93, too close to 0.9 to decide within a CI budget: ≈ 180 runs), tanh 33/48 (a probe regime)',
  },
  conditions: [
    'noiseless labels',
    't ≤ k',
    'moments averaged over all n·r patches, centred labels',
    'errors at n, 4n, 16n (2.5× those for ReLU, whose M₄ is noisier), median of 3 nested draws',
  ],
  domain: {
    // Narrowed by the pass-rate breakdown (docs/verdicts.md): squared ReLU 40/41, ReLU 57/61, tanh 33/48 over 150 CI runs.
    activation: choice<ActivationName>(['squared-relu', 'relu', 'tanh']).restrict((a) => a === 'squared-relu'),
    k: integers(4, 6),
    t: integers(2, 3),
    r: integers(2, 4),
    kappa: grid([1, 1.5, 2]),
    n: grid([2000, 3000]),
    moments: choice<'automatic' | 'wrong-order'>(['automatic']),
  },
  passCondition: 'median relative error at 16n ≤ 0.3 and log-log slope in [−0.8, −0.2]',
  kind: 'stochastic',
  threshold: 0.9,
  failureRegimes: [
    {
      name: 'tanh (M₃ for subspace and decomposition)',
      why: 'found by the pass-rate breakdown: 33/48 tanh runs pass (squared ReLU 40/41, ReLU 57/61 in the same 150 CI runs); the misses are mostly a heavy first estimate (error 2–9 at n) that makes the log-log slope steeper than −0.8 although 16n is in the basin, so at these n the n^(−1/2) rate is not yet visible for tanh',
      domain: { activation: choice<ActivationName>(['tanh']) },
      expectation: 'probe',
    },
    {
      name: 'wrong moment order (M₃ for ReLU)',
      why: 'm₃ = 0 for ReLU, so M̂₃ is pure noise: its decomposition returns random directions and the error does not fall with n',
      domain: {
        moments: choice<'automatic' | 'wrong-order'>(['wrong-order']),
        activation: choice<ActivationName>(['relu']),
        n: grid([1000]),
        k: integers(4, 5),
        t: integers(2, 3),
        r: integers(2, 3),
      },
      expectation: 'must-fail',
    },
    {
      name: 'ill-conditioned kernels (κ ≥ 10)',
      why: 'the small kernels’ moment weights m_j(σ_t) drown in noise; T3 needs n ∝ poly(κ)',
      domain: { kappa: grid([10, 20]), n: grid([1000]), activation: choice<ActivationName>(['squared-relu']) },
      expectation: 'probe',
    },
  ],
  budgets: { smoke: { runs: 2 }, ci: { runs: 100, claimTimeMs: 90_000, runTimeMs: 8000 }, deep: { runs: 200 } },
  measure(p, { rng }) {
    const t = Math.min(p.t, p.k);
    const base = buildInstance(rng, { activation: p.activation, k: p.k, r: p.r, t, kappa: p.kappa, n: 1 });
    const fourth = p.activation === 'relu' || p.activation === 'leaky-relu';
    const sizes = GROWTH.map((g) => Math.round(g * p.n * (fourth && p.moments === 'automatic' ? FOURTH_ORDER_SAMPLES : 1)));
    // Nested samples (prefixes of one draw per repeat): the sizes share their noise, which
    // steadies the fitted slope at no extra cost.
    const draws: number[][] = sizes.map(() => []);
    const orders = p.moments === 'wrong-order' ? { subspace: 2, decomposition: 3 } : undefined;
    const width = p.k * p.r;
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const full = sampleData(rng.fork(`data/${repeat}`), base.model, base.truth, sizes[sizes.length - 1]);
      sizes.forEach((n, i) => {
        const data = { n, x: full.x.subarray(0, n * width), y: full.y.subarray(0, n) };
        const init = tensorInitialization(base.model, data, rng.fork(`tensor/${n}/${repeat}`), orders);
        draws[i].push(permutationInvariantError(init.kernels, base.truth, t, p.k).error);
      });
    }
    // The median: an occasional bad Jennrich split is a heavy tail, not the n^{−1/2} trend.
    const errors = draws.map(median);
    return { sizes, errors, slope: logSlope(sizes, errors), finalError: errors[errors.length - 1] };
  },
  holds(m) {
    const inBasin = m.finalError <= 0.3;
    const rate = m.slope >= -0.8 && m.slope <= -0.2;
    return {
      pass: inBasin && rate,
      margin: Math.min(0.3 - m.finalError, 0.3 - Math.abs(m.slope + 0.5)),
      detail:
        inBasin && rate
          ? undefined
          : `errors ${m.errors.map((e) => e.toFixed(3)).join(' → ')} at n = ${m.sizes.join(', ')}, slope ${m.slope.toFixed(2)}`,
    };
  },
});
