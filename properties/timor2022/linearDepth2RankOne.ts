import { defineClaim } from '../../src/claims/claim.ts';
import { combinedStatus } from '../../src/training/trainingStatus.ts';
import { grid } from '../../src/parameters/parameter.ts';
import { runTwoPoint } from '../../src/experiments/timor2022/twoPointRun.ts';
import * as grids from '../../src/experiments/timor2022/twoPointDomain.ts';
import { timor2022 } from './paper.ts';

/**
 * P2-C3, the contrast the paper draws ("unlike the linear case"): a depth-2 linear net from
 * small init ends with a first layer that is rank 1 up to the init scale, on every size-2
 * dataset — including the ones where the ReLU net does not.
 */
export const linearDepth2RankOne = defineClaim({
  id: 'timor2022/linear-depth2-rank-one',
  paper: { ...timor2022, where: 'abstract, "unlike the linear case" (research notes §2.5, P2-C3)' },
  title: 'Depth-2 linear nets from small init end near rank 1 on every size-2 dataset',
  statement:
    'Gradient flow on a depth-2 linear network N(x) = vᵀWx with square loss from scale-ε init converges to an interpolant whose W has σ2/σ1 = O(ε).',
  provenance: {
    kind: 'simulated',
    source: 'research notes §2.3 table (linear row) and §5 P2-C3; bound 10·ε from the simulated 0.001–0.003 at ε = 1e-3',
  },
  conditions: [
    'two unit inputs at angle θ ∈ [10°, 170°]',
    'y = (1, r), r ∈ {±0.5, ±1, ±2}',
    'small init ε ≤ 1e-2',
    'GD η = 0.05 to loss ≤ 1e-8',
  ],
  domain: {
    angleDeg: grids.angleDeg,
    labelRatio: grids.labelRatio,
    dim: grids.dim,
    width: grids.width,
    initScale: grids.smallInit,
    learningRate: grids.learningRate,
    maxSteps: grids.maxSteps,
  },
  passCondition: 'training converges (loss ≤ 1e-8) and σ2(W)/σ1(W) ≤ min(10·ε, 0.1) (near rank 1, on the init scale)',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'large init',
      why: 'at ε ~ 1 the random initial W is not small next to the learned rank-1 part, and GD keeps its residue in every direction',
      domain: { initScale: grid([1, 2]) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 5 }, ci: { runs: 60, claimTimeMs: 20_000 }, deep: { runs: 500 } },
  measure(params, { rng, deadline }) {
    const run = runTwoPoint({ ...params, activation: 'linear' }, rng, deadline);
    return {
      status: combinedStatus(run.training.status),
      divergedAt: run.training.divergedAt,
      converged: run.training.status === 'converged',
      steps: run.training.steps,
      finalLoss: run.training.finalLoss,
      ratio: run.rank.ratio,
      stableRank: run.rank.stableRank,
      numericalRank: run.rank.numericalRank,
    };
  },
  holds(m, params) {
    const bound = Math.min(10 * params.initScale, 0.1);
    const pass = m.converged && m.ratio <= bound;
    return {
      pass,
      margin: bound - m.ratio,
      detail: pass
        ? undefined
        : m.converged
          ? `σ2/σ1 = ${m.ratio.toFixed(4)} > ${bound} (sr ${m.stableRank.toFixed(3)}, numerical rank ${m.numericalRank})`
          : `not converged: loss ${m.finalLoss.toExponential(2)} after ${m.steps} steps`,
    };
  },
});
