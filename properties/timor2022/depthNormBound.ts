import { defineClaim } from '../../src/claims/claim.ts';
import { choice, fixed, grid } from '../../src/parameters/parameter.ts';
import { claimStatus, runDeepTwoPoint } from '../../src/experiments/timor2022/twoPointRun.ts';
import { timor2022 } from './paper.ts';

/**
 * P2-C6, the part that is assertable. "Deeper nets end closer to rank 1" is the paper's
 * positive direction but its conditions are unknown, and the notes' runs show no depth benefit
 * at depth ≤ 4 (the depth-trend study reports the measured trend). What follows from the
 * norm-product bound alone is a floor: any net that fits (x, y) has
 * geo-mean_i ‖W_i‖2/‖W_i‖F ≥ (|N(x)|/(‖x‖·Π‖W_i‖F))^{1/L} = C^{−1/L}, so small excess norm C
 * forces near-rank-1 layers as L grows. This claim checks that floor on trained nets.
 */
export const depthNormBound = defineClaim({
  id: 'timor2022/depth-rank-floor',
  paper: { ...timor2022, where: 'positive result for deep nets, mechanism (research notes §2.4.3, P2-C6 assertable version)' },
  title: 'Trained deep ReLU nets: geo-mean ‖W_i‖2/‖W_i‖F ≥ C^{−1/L}',
  statement: 'For a bias-free ReLU net of depth L fitting (x, y), the geometric mean over layers of ‖W_i‖2/‖W_i‖F is at least (|N(x)|/(‖x‖·Π_i‖W_i‖F))^{1/L}; it tends to 1 with depth whenever the excess norm C = ‖x‖·Π‖W_i‖F/|y| stays O(1).',
  provenance: { kind: 'derived', source: 'research notes §2.4.3 and §5 P2-C6 ("assertable version [D]")' },
  conditions: ['bias-free ReLU, depth 2–4, width 20, d = 10', 'the bad size-2 datasets of P2-C2', 'GD η = 0.05 to loss ≤ 1e-6 (or 20k steps)'],
  domain: {
    depth: grid([2, 3, 4]),
    dataset: choice(['90deg-opposite', '150deg-same'] as const),
    initScale: grid([0.3, 0.05, 1]),
    bias: choice(['none', 'hidden-and-output'] as const).restrict((b) => b === 'none'),
    maxSteps: fixed(20_000),
  },
  passCondition: 'after training (to loss ≤ 1e-6 or 20k steps) the all-layer geometric mean of ‖W_i‖2/‖W_i‖F ≥ C^{−1/L}·(1 − 1e-12), C = ‖x‖·Π‖W_i‖F/max|N(x_i)|',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'biases',
      why: 'with biases part of the fit comes from the biases, so |N(x)| is no longer bounded by the weight norms and the floor can exceed the actual geometric mean',
      domain: { bias: choice(['none', 'hidden-and-output'] as const).restrict((b) => b !== 'none') },
      expectation: 'must-fail',
    },
  ],
  onDiverged: 'fail',
  budgets: { smoke: { runs: 3 }, ci: { runs: 10, claimTimeMs: 15_000 }, deep: { runs: 100, runTimeMs: 120_000 } },
  measure(params, { rng, deadline }) {
    const [angleDeg, labelRatio] = params.dataset === '90deg-opposite' ? [90, -1] : [150, 1];
    const run = runDeepTwoPoint({ dim: 10, width: 20, depth: params.depth, initScale: params.initScale, angleDeg, labelRatio, learningRate: 0.05, maxSteps: params.maxSteps, bias: params.bias !== 'none' }, rng, deadline);
    return {
      status: claimStatus(run.training.status),
      divergedAt: run.training.divergedAt,
      converged: run.training.status === 'converged',
      finalLoss: run.training.finalLoss,
      steps: run.training.steps,
      hiddenGeometricMean: run.geometricMeanRatio,
      allLayerGeometricMean: run.allLayerGeometricMean,
      floor: run.geometricMeanFloor,
      excessNorm: run.excessNorm,
      layerRatios: run.layerRatios,
    };
  },
  holds(m) {
    // The floor follows from the norm-product bound for any weights, fitted or not; a run that did
    // not fit (depth 4 from ε = 0.05 can stall at the saddle) is judged all the same.
    const pass = m.allLayerGeometricMean >= m.floor * (1 - 1e-12);
    return {
      pass,
      margin: m.allLayerGeometricMean - m.floor,
      detail: pass ? undefined : `geo-mean ${m.allLayerGeometricMean.toFixed(4)} < floor ${m.floor.toFixed(4)} (C = ${m.excessNorm.toFixed(3)})`,
    };
  },
});
