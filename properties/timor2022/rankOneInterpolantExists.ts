import { defineClaim } from '../../src/claims/claim.ts';
import { choice, fixed, grid, integers } from '../../src/parameters/parameter.ts';
import { forward, layerMatrix } from '../../src/models/fullyConnected.ts';
import { numericalRank } from '../../src/linalg/stableRank.ts';
import { gaussianArray } from '../../src/random/rng.ts';
import { rankOneInterpolant } from './rankOneConstruction.ts';
import { timor2022 } from './paper.ts';

const labels = grid([1, 2, 0.5, 3, 0.1, -1, -2, -0.5, -3, -0.1]);

/**
 * P2-C1: the premise of the negative result. Two non-parallel points always admit a zero-loss
 * depth-2 ReLU interpolant whose first layer has rank 1, so a GD solution of rank 2 is a choice
 * of the dynamics, not a necessity.
 */
export const rankOneInterpolantExists = defineClaim({
  id: 'timor2022/rank-one-interpolant-exists',
  paper: { ...timor2022, where: 'premise of the depth-2 negative result (research notes §2.3, P2-C1)' },
  title: 'Two non-parallel points have a rank-1 zero-loss ReLU interpolant',
  statement:
    'For x1, x2 ∈ R^d linearly independent and any nonzero labels y1, y2 there is a depth-2 bias-free ReLU net N(x) = vᵀσ(Wx) with N(x_i) = y_i and rank W = 1.',
  provenance: { kind: 'derived', source: 'research notes §2.3 (explicit construction) and §5 P2-C1' },
  conditions: ['x1, x2 linearly independent (Gaussian draws)', 'y1, y2 ≠ 0', 'bias-free ReLU, depth 2'],
  domain: {
    dim: integers(2, 30),
    y1: labels,
    y2: labels,
    geometry: choice(['gaussian', 'parallel'] as const).restrict((g) => g === 'gaussian'),
    /** x2 = c·x1 in the parallel geometry; unused for Gaussian inputs. */
    parallelScale: fixed<number>(2),
  },
  passCondition: 'loss ≤ 1e-18·(1 + y1² + y2²) and numerical rank of W (tolerance 1e-9·σ1) = 1',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'parallel inputs',
      why: 'for x2 = c·x1 with c > 0 positive homogeneity forces N(x2) = c·N(x1) for every bias-free ReLU net, so labels with y2 ≠ c·y1 cannot be fit at all',
      domain: { geometry: choice(['gaussian', 'parallel'] as const).restrict((g) => g === 'parallel'), parallelScale: grid([2, 0.5, 3]) },
      expectation: 'must-fail',
    },
  ],
  examples: [
    { name: 'opposite labels, d=2', params: { dim: 2, y1: 1, y2: -1, geometry: 'gaussian', parallelScale: 2, seed: 1 }, expect: 'holds' },
    {
      name: 'parallel, y2 = 2·y1 is compatible',
      params: { dim: 3, y1: 1, y2: 2, geometry: 'parallel', parallelScale: 2, seed: 1 },
      expect: 'holds',
    },
    {
      name: 'parallel, opposite labels',
      params: { dim: 3, y1: 1, y2: -1, geometry: 'parallel', parallelScale: 2, seed: 1 },
      expect: 'fails',
    },
  ],
  budgets: { smoke: { runs: 20 }, ci: { runs: 200 }, deep: { runs: 5000 } },
  measure(params, { rng }) {
    const x1 = gaussianArray(rng.fork('x1'), params.dim);
    const x2 = params.geometry === 'parallel' ? x1.map((v) => params.parallelScale * v) : gaussianArray(rng.fork('x2'), params.dim);
    const net = rankOneInterpolant(x1, x2, params.y1, params.y2);
    const r1 = forward(net, x1) - params.y1;
    const r2 = forward(net, x2) - params.y2;
    const c = params.parallelScale;
    return {
      loss: 0.5 * (r1 * r1 + r2 * r2),
      rank: numericalRank(layerMatrix(net.layers[0]), 1e-9),
      // The best any bias-free ReLU net can do on parallel inputs: N(x2) = c·N(x1).
      parallelLossFloor: params.geometry === 'parallel' ? (0.5 * (params.y2 - c * params.y1) ** 2) / (1 + c * c) : 0,
    };
  },
  holds(m, params) {
    const tolerance = 1e-18 * (1 + params.y1 ** 2 + params.y2 ** 2);
    const pass = m.loss <= tolerance && m.rank === 1;
    return {
      pass,
      margin: Math.log10(tolerance / Math.max(m.loss, 1e-300)),
      detail: pass
        ? undefined
        : `loss ${m.loss.toExponential(2)} (floor for any bias-free ReLU net ${m.parallelLossFloor.toExponential(2)}), rank ${m.rank}`,
    };
  },
});
