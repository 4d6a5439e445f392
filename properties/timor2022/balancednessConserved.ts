import { defineClaim } from '../../src/claims/claim.ts';
import { hypotNorm } from '../../src/linalg/matrix.ts';
import { combinedStatus } from '../../src/training/trainingStatus.ts';
import { choice, fixed, grid, integers, logarithmic } from '../../src/parameters/parameter.ts';
import { initFullyConnected, neuronBalances, neuronGradientNorms } from '../../src/models/fullyConnected.ts';
import { trainSquareLoss } from '../../src/training/squareLossGradientDescent.ts';
import { timor2022 } from './paper.ts';

/**
 * P2-C4, the first ingredient of the depth argument. For a positively homogeneous activation
 * (σ'(z)z = σ(z): ReLU with σ'(0) = 0, identity) w_inᵀ∇w_in = w_outᵀ∇w_out for every hidden
 * neuron, so gradient flow conserves ‖w_in‖² − ‖w_out‖² exactly. One GD step of size η then
 * changes it by exactly η²(‖∇w_in‖² − ‖∇w_out‖²): the drift is second order, bounded by
 * η²·Σ_t ‖∇_neuron‖². tanh and uncounted biases break the identity and drift at first order.
 */
export const balancednessConserved = defineClaim({
  id: 'timor2022/balancedness-conserved',
  paper: { ...timor2022, where: 'mechanism behind the positive (deep) results (research notes §2.4.1, P2-C4)' },
  title: 'Per-neuron balancedness is conserved up to O(η) drift',
  statement:
    'For bias-free ReLU (or linear) nets trained by GD with step η, every hidden neuron satisfies |Δ(‖w_in‖² − ‖w_out‖²)| ≤ η²·Σ_t ‖∇_t(w_in, w_out)‖², i.e. balancedness is a gradient-flow invariant and GD drifts from it only at second order.',
  provenance: {
    kind: 'derived',
    source: 'research notes §2.4 (well-known GF invariant, Du–Hu–Lee 2018) and §5 P2-C4; the exact per-step identity is derived here',
  },
  conditions: ['bias-free fully connected net, depth 2–6', "activation with σ'(z)·z = σ(z)", 'square loss, full-batch GD'],
  domain: {
    depth: integers(2, 6),
    width: grid([5, 10, 20, 30]),
    learningRate: logarithmic(1e-4, 1e-2, 1),
    steps: fixed(1000),
    points: grid([4, 8]),
    activation: choice(['relu', 'linear', 'tanh'] as const).restrict((a) => a !== 'tanh'),
    bias: choice(['none', 'hidden-and-output'] as const).restrict((b) => b === 'none'),
  },
  passCondition: 'for every hidden neuron |Δ| ≤ η²·Σ_t ‖∇‖²·(1 + 1e-6) + 1e-12·(1 + Σ‖w‖²)',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'tanh',
      why: "tanh is not positively homogeneous (σ'(z)z ≠ σ(z)), so balancedness drifts at first order in η",
      domain: { activation: choice(['relu', 'linear', 'tanh'] as const).restrict((a) => a === 'tanh') },
      expectation: 'must-fail',
    },
    {
      name: 'biases',
      why: 'a bias is an incoming weight; leaving it out of ‖w_in‖² leaves a first-order term η·Σ δ·b',
      domain: { bias: choice(['none', 'hidden-and-output'] as const).restrict((b) => b !== 'none') },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 4 }, ci: { runs: 25, claimTimeMs: 15_000 }, deep: { runs: 300 } },
  measure(params, { rng, deadline }) {
    const dim = 5;
    const dataRng = rng.fork('data');
    const inputs = Array.from({ length: params.points }, () => {
      const x = Float64Array.from({ length: dim }, () => dataRng.gaussian());
      const n = hypotNorm(x);
      return x.map((v) => v / n);
    });
    const labels = inputs.map(() => dataRng.gaussian());
    // Standard init (ε = 1): gradients are O(1) from the first step, so first-order drift shows.
    const initial = initFullyConnected(
      { inputDim: dim, width: params.width, depth: params.depth, activation: params.activation, bias: params.bias !== 'none' },
      rng.fork('init'),
      1,
    );
    const before = neuronBalances(initial);
    const gradientSums = new Float64Array(before.length);
    const training = trainSquareLoss(
      initial,
      { inputs, labels },
      {
        learningRate: params.learningRate,
        maxSteps: params.steps,
        deadline,
        onStep: (net, grads) => neuronGradientNorms(net, grads).forEach((g, j) => (gradientSums[j] += g)),
      },
    );
    const after = neuronBalances(training.net);
    let weightScale = 0;
    for (const layer of training.net.layers) for (const w of layer.weights) weightScale += w * w;
    const eta2 = params.learningRate ** 2;
    let worstExcess = -Infinity;
    let worstRatio = 0;
    let maxDrift = 0;
    let maxBalance = 0;
    for (let j = 0; j < before.length; j++) {
      const drift = Math.abs(after[j] - before[j]);
      const bound = eta2 * gradientSums[j] * (1 + 1e-6) + 1e-12 * (1 + weightScale);
      worstExcess = Math.max(worstExcess, drift - bound);
      worstRatio = Math.max(worstRatio, drift / bound);
      maxDrift = Math.max(maxDrift, drift);
      maxBalance = Math.max(maxBalance, Math.abs(before[j]));
    }
    return {
      status: combinedStatus(training.status),
      divergedAt: training.divergedAt,
      neurons: before.length,
      worstExcess,
      worstDriftOverBound: worstRatio,
      maxDrift,
      relativeDrift: maxDrift / Math.max(maxBalance, 1e-300),
    };
  },
  holds(m) {
    const pass = m.worstExcess <= 0;
    return {
      pass,
      margin: -Math.log10(Math.max(m.worstDriftOverBound, 1e-300)),
      detail: pass
        ? undefined
        : `a neuron drifted ${m.maxDrift.toExponential(2)}, ${m.worstDriftOverBound.toExponential(2)}× the second-order bound`,
    };
  },
});
