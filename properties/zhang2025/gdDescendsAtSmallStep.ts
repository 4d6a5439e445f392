import { defineClaim } from '../../src/claims/claim.ts';
import { fixed, grid, integers } from '../../src/parameters/parameter.ts';
import { buildProblem } from '../../src/experiments/zhang2025/buildProblem.ts';
import { measureTraining } from '../../src/experiments/zhang2025/measureTraining.ts';
import { smoothnessBound } from '../../src/experiments/zhang2025/smoothness.ts';
import { activationOf } from '../../src/experiments/zhang2025/setting.ts';
import { settingOf, trainingDomain } from '../../src/experiments/zhang2025/trainingDomain.ts';
import { zhang2025 } from './paper.ts';

/** The training domain without its schedule: here η is set from the smoothness bound and T is fixed. */
const { learningRate: _eta, maxSteps: _cap, lossTarget: _target, ...descentDomain } = trainingDomain;

/** Rounding slack on a one-step loss change (losses are O(1) sums in float64). */
const slack = 1e-12;

/**
 * P1-C9: with η below the smoothness bound 2/L, every gradient-descent step lowers the training
 * loss (the descent lemma). Far above the bound nothing guarantees it; the notes found even
 * η = 2000 converging, so the harness searches the step size upward and reports what it finds.
 */
export const gdDescendsAtSmallStep = defineClaim({
  id: 'zhang2025/gd-descends-at-small-step',
  paper: { ...zhang2025, where: 'optimizer of the theorem (research notes §1.2, §5 P1-C9)' },
  title: 'Gradient descent decreases the loss at every step when η is below the smoothness bound',
  statement:
    'With η = c/L, c ≤ 1, where L = P²R²/(2m) + P·R²·(q − 1)/(κm) bounds the smoothness of L_S (R the largest patch norm), L_S(W_{t+1}) ≤ L_S(W_t) + 1e-12 for every step t.',
  provenance: {
    kind: 'derived',
    source: 'descent lemma with the smoothness bound of research notes §5 P1-C9 (derivation in src/experiments/zhang2025/smoothness.ts)',
  },
  conditions: ['Huberized ReLU (σ″ ≤ (q − 1)/κ), logistic loss (ℓ″ ≤ 1/4)', '300 full-batch steps from the small Gaussian init'],
  domain: {
    ...descentDomain,
    noise: grid([0, 0.5, 1.5, 4.24]),
    /** η as a multiple of 1/L. */
    stepOverSmoothness: grid([1, 0.5, 0.1]),
    steps: fixed(300),
    initScale: grid([5e-3, 0.05, 0.3]),
    filtersPerDirection: integers(2, 5),
  },
  passCondition: 'largest one-step loss increase ≤ 1e-12 over the run',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'η far above the smoothness bound (c = 10³…10⁶)',
      why: 'the descent lemma no longer applies; the notes saw η = 2000 converge at these scales, so whether and where descent breaks is searched, not assumed',
      domain: { stepOverSmoothness: grid([1e6, 1e5, 1e4, 1e3]) },
      expectation: 'probe',
    },
  ],
  budgets: { smoke: { runs: 3 }, ci: { runs: 10, claimTimeMs: 8_000 }, deep: { runs: 300 } },
  onDiverged: 'fail',
  measure(params, context) {
    const base = settingOf({ ...params, learningRate: 1, maxSteps: params.steps, lossTarget: 0 }, 0);
    const lipschitz = smoothnessBound(buildProblem(base, context.rng.fork('descent')).train.data, base.filtersPerClass, activationOf(base));
    const learningRate = params.stepOverSmoothness / lipschitz;
    const run = measureTraining({ ...base, learningRate }, context.rng.fork('descent'), context.backend, context.deadline);
    return { ...run, smoothness: lipschitz, learningRate };
  },
  holds(m) {
    const margin = slack - m.largestLossIncrease;
    return {
      pass: margin >= 0,
      margin,
      detail: `η = ${m.learningRate.toPrecision(3)} (L ≤ ${m.smoothness.toPrecision(3)}): largest one-step increase ${m.largestLossIncrease.toExponential(2)}, loss ${m.lossCurve[0]?.toFixed(4)} → ${m.finalLoss.toExponential(3)}`,
    };
  },
});
