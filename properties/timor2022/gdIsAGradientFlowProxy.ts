import { defineClaim } from '../../src/claims/claim.ts';
import { combinedStatus } from '../../src/training/trainingStatus.ts';
import { fixed, grid } from '../../src/parameters/parameter.ts';
import { runTwoPoint } from '../../src/experiments/timor2022/twoPointRun.ts';
import * as grids from '../../src/experiments/timor2022/twoPointDomain.ts';
import { timor2022 } from './paper.ts';

/**
 * P2-C7, harness hygiene: the paper is about gradient flow and we run GD. If halving η (and
 * doubling the step cap) leaves the final σ2/σ1 where it was, the step is small enough for GD
 * to stand in for the flow; near the edge of stability (η·sharpness ≈ 2) it does not.
 */
export const gdIsAGradientFlowProxy = defineClaim({
  id: 'timor2022/gd-is-a-gradient-flow-proxy',
  paper: { ...timor2022, where: "gradient flow is the paper's setting (research notes §2.2, P2-C7)" },
  title: 'GD with a small step is a stable gradient-flow proxy',
  statement:
    'On the size-2 datasets, GD with step η and with step η/2 end at the same first-layer rank profile: |σ2/σ1(η) − σ2/σ1(η/2)| ≤ max(5% of the larger, 0.01).',
  provenance: { kind: 'derived', source: 'research notes §5 P2-C7 (harness hygiene)' },
  conditions: [
    'depth-2 ReLU, d = 10, m = 20, ε = 1e-3',
    'unit inputs at θ ≥ 40°, y = (1, r)',
    'GD runs to loss ≤ 1e-8 or the step cap (20k at η, 40k at η/2)',
  ],
  domain: {
    angleDeg: grids.angleDeg.restrict((a) => a >= 40),
    labelRatio: grids.labelRatio,
    dim: fixed(10),
    width: fixed(20),
    initScale: fixed(1e-3),
    learningRate: grid([0.05, 0.1, 0.02]),
    maxSteps: fixed(20_000),
  },
  passCondition: 'both runs end at the same loss (both ≤ 1e-8, or within 5%) and the final σ2/σ1 differ by < max(0.05·larger, 0.01)',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'edge of stability',
      why: 'at η ≈ 1 for unit inputs the step exceeds 2/sharpness of the interpolating minima: GD oscillates, lands elsewhere or diverges, and no longer tracks the flow',
      domain: { learningRate: grid([0.8, 1, 1.5]) },
      expectation: 'must-fail',
    },
    {
      name: 'narrow wedge, opposite labels',
      why: 'at θ ≤ 30° with opposite labels GD can stall at a non-interpolating stationary point, and whether it escapes depends on the step (a basin boundary the flow itself sits near); searched and reported, not asserted',
      domain: { angleDeg: grids.angleDeg.restrict((a) => a <= 30), labelRatio: grids.labelRatio.restrict((r) => r < 0) },
      expectation: 'probe',
    },
  ],
  budgets: { smoke: { runs: 4 }, ci: { runs: 25, claimTimeMs: 20_000 }, deep: { runs: 300 } },
  measure(params, { rng, deadline }) {
    // The same data and init (same stream labels) for both step sizes.
    const full = runTwoPoint({ ...params, activation: 'relu' }, rng.fork('run'), deadline);
    const half = runTwoPoint(
      { ...params, activation: 'relu', learningRate: params.learningRate / 2, maxSteps: 2 * params.maxSteps },
      rng.fork('run'),
      deadline,
    );
    return {
      status: combinedStatus(full.training.status, half.training.status),
      divergedAt: full.training.divergedAt ?? half.training.divergedAt,
      ratio: full.rank.ratio,
      ratioHalfStep: half.rank.ratio,
      finalLoss: full.training.finalLoss,
      finalLossHalfStep: half.training.finalLoss,
      steps: full.training.steps,
    };
  },
  holds(m) {
    // Same outcome first: both fit, or both stuck at the same loss (a stationary point of the flow).
    const bothFit = m.finalLoss <= 1e-8 && m.finalLossHalfStep <= 1e-8;
    const lossGap = bothFit ? 0 : Math.abs(m.finalLoss - m.finalLossHalfStep) / Math.max(m.finalLoss, m.finalLossHalfStep);
    if (lossGap > 0.05)
      return {
        pass: false,
        margin: -lossGap,
        detail: `final loss ${m.finalLoss.toExponential(2)} at η (${m.steps} steps) vs ${m.finalLossHalfStep.toExponential(2)} at η/2: GD at η does not follow the flow`,
      };
    const tolerance = Math.max(0.05 * Math.max(m.ratio, m.ratioHalfStep), 0.01);
    const gap = Math.abs(m.ratio - m.ratioHalfStep);
    return {
      pass: gap < tolerance,
      margin: tolerance - gap,
      detail: gap < tolerance ? undefined : `σ2/σ1 = ${m.ratio.toFixed(3)} at η, ${m.ratioHalfStep.toFixed(3)} at η/2`,
    };
  },
});
