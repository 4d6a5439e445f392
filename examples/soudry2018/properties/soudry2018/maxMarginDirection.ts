import { choice, defineClaim, fixed, grid } from 'theorycheck';
import { gradientDescent, type Loss, maxMarginSeparator, norm, separableData } from './logisticSetup.ts';

/**
 * Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018 (JMLR 19:70, arXiv 1710.10345), Theorem 3:
 * on linearly separable data, gradient descent on the logistic loss (small enough step, any
 * start) satisfies w(t) = ŵ ln t + ρ(t) with ρ(t) bounded, ŵ the L2 max-margin separator. So
 * w(t)/‖w(t)‖ → ŵ/‖ŵ‖, the angle shrinking like 1/ln t.
 *
 * Checked as: the residual ‖w(t) − ŵ ln t‖ grows, between t = 300 and t = 30 000, by less than
 * half of ‖ŵ‖·ln(t₂/t₁) — the growth of a w(t) whose direction does not tend to ŵ (or whose norm
 * stays bounded) is the whole ‖ŵ‖·ln(t₂/t₁).
 */
export const maxMarginDirection = defineClaim({
  id: 'soudry2018/max-margin-direction',
  paper: {
    id: 'soudry2018',
    arxiv: '1710.10345',
    title: 'The Implicit Bias of Gradient Descent on Separable Data',
    authors: 'Soudry, Hoffer, Nacson, Gunasekar, Srebro',
    where: 'Theorem 3',
  },
  title: 'Gradient descent on the logistic loss converges in direction to the max-margin separator',
  statement:
    'For linearly separable data and a step below 2/β, gradient descent on the logistic loss gives w(t) = ŵ log t + ρ(t) with ‖ρ(t)‖ bounded, so the angle between w(t) and the L2 max-margin separator ŵ is O(1/log t).',
  provenance: { kind: 'quoted', source: 'Soudry et al. 2018, Theorem 3 (paraphrased)' },
  conditions: [
    'linearly separable data (no bias term)',
    'logistic loss',
    'step size η < 2/β, β the smoothness of the loss',
    'start at w = 0',
  ],
  domain: {
    n: grid([20, 10, 40]),
    d: grid([2, 5, 10]),
    margin: grid([0.3, 0.1]),
    flipped: fixed<number>(0),
    loss: choice<Loss>(['logistic']),
  },
  passCondition: '(‖ρ(30 000)‖ − ‖ρ(300)‖) / (‖ŵ‖ ln 100) < 0.5, where ρ(t) = w(t) − ŵ ln t',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'non-separable data',
      why: 'with a tenth of the labels flipped the logistic loss has a finite minimizer: w(t) converges, so ρ(t) grows like ‖ŵ‖ ln t',
      domain: { flipped: grid([0.1, 0.2]) },
      expectation: 'must-fail',
    },
    {
      name: 'square loss',
      why: 'gradient descent on the square loss converges to the least-squares solution, a finite point in another direction',
      domain: { loss: choice<Loss>(['square']) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 6 }, ci: { runs: 12 }, deep: { runs: 100 } },
  measure({ n, d, margin, flipped, loss }, { rng }) {
    const { data, clean } = separableData(rng, n, d, margin, flipped);
    const target = maxMarginSeparator(clean);
    const [early, late] = gradientDescent(data, loss, [300, 30_000], target);
    const residualGrowth = (late.residual - early.residual) / (norm(target) * Math.log(late.t / early.t));
    return { residualGrowth, angleEarly: early.angle, angleLate: late.angle, maxMarginNorm: norm(target) };
  },
  holds(m) {
    return {
      pass: m.residualGrowth < 0.5,
      margin: 0.5 - m.residualGrowth,
      detail: `the residual grew by ${m.residualGrowth.toFixed(3)}·‖ŵ‖ per unit of ln t`,
    };
  },
});
