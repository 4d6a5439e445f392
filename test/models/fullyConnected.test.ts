import { describe, expect, test } from 'vitest';
import {
  type FullyConnectedActivation,
  type FullyConnectedNet,
  type RegressionData,
  cloneNet,
  forward,
  initFullyConnected,
  neuronBalances,
  neuronGradientNorms,
  squareLoss,
  squareLossAndGradient,
  zeroGradients,
  zeroNet,
} from '../../src/models/fullyConnected.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';
import { createRng } from '../../src/random/rng.ts';

function randomData(seed: string, dim: number, n: number): RegressionData {
  const rng = createRng(seed);
  return {
    inputs: Array.from({ length: n }, () => Float64Array.from({ length: dim }, () => rng.gaussian())),
    labels: Array.from({ length: n }, () => rng.gaussian()),
  };
}

/** Every parameter of the net as [array, index] pairs, biases included. */
function parameters(net: FullyConnectedNet): [Float64Array, number][] {
  const out: [Float64Array, number][] = [];
  for (const layer of net.layers) {
    for (let i = 0; i < layer.weights.length; i++) out.push([layer.weights, i]);
    if (layer.bias) for (let i = 0; i < layer.bias.length; i++) out.push([layer.bias, i]);
  }
  return out;
}

describe('fully connected net: gradient vs central finite differences', () => {
  const cases: [FullyConnectedActivation, number, boolean][] = [
    ['relu', 2, false],
    ['relu', 3, false],
    ['relu', 4, true],
    ['linear', 3, false],
    ['tanh', 3, true],
  ];
  for (const [activation, depth, bias] of cases) {
    test(`${activation}, depth ${depth}${bias ? ', biases' : ''}`, () => {
      const net = initFullyConnected({ inputDim: 4, width: 6, depth, activation, bias }, createRng(`fd/${activation}/${depth}`), 1);
      const data = randomData(`fd-data/${depth}`, 4, 5);
      const grads = zeroGradients(net);
      squareLossAndGradient(net, data, grads);
      const flatGrad = [...grads.weights.flatMap((g, l) => [...g, ...(grads.bias[l] ?? [])])];
      const h = 1e-6;
      let checked = 0;
      parameters(net).forEach(([array, i], p) => {
        const saved = array[i];
        array[i] = saved + h;
        const plus = squareLoss(net, data);
        array[i] = saved - h;
        const minus = squareLoss(net, data);
        array[i] = saved;
        const numeric = (plus - minus) / (2 * h);
        // A ReLU kink within h of a pre-activation would make the difference quotient meaningless;
        // with Gaussian weights and inputs that has probability ~1e-6 per parameter.
        expect(flatGrad[p]).toBeCloseTo(numeric, 5);
        checked++;
      });
      expect(checked).toBe(parameters(net).length);
    });
  }
});

describe('fully connected net: forward pass and invariants', () => {
  test('a hand-computed depth-2 ReLU net', () => {
    const net = zeroNet({ inputDim: 2, width: 2, depth: 2, activation: 'relu' });
    net.layers[0].weights.set([1, 0, 0, -1]);
    net.layers[1].weights.set([2, 3]);
    expect(forward(net, [1, 1])).toBe(2); // σ(1)=1, σ(−1)=0 → 2·1
    expect(forward(net, [-1, -2])).toBe(6); // σ(−1)=0, σ(2)=2 → 3·2
  });

  test('bias-free ReLU nets are positively homogeneous: N(cx) = c·N(x)', () => {
    const net = initFullyConnected({ inputDim: 3, width: 8, depth: 4, activation: 'relu' }, createRng('homog'), 1);
    const x = [0.3, -1.2, 0.7];
    expect(
      forward(
        net,
        x.map((v) => 2.5 * v),
      ),
    ).toBeCloseTo(2.5 * forward(net, x), 12);
  });

  test("ReLU uses σ'(0) = 0: a neuron exactly at its kink gets no gradient", () => {
    const net = zeroNet({ inputDim: 2, width: 1, depth: 2, activation: 'relu' });
    net.layers[0].weights.set([1, -1]);
    net.layers[1].weights.set([1]);
    const grads = zeroGradients(net);
    squareLossAndGradient(net, { inputs: [Float64Array.of(1, 1)], labels: [1] }, grads);
    expect([...grads.weights[0]]).toEqual([0, 0]);
  });

  test('per-step balancedness identity: GD changes ‖w_in‖² − ‖w_out‖² by exactly η²(‖∇w_in‖² − ‖∇w_out‖²) (bias-free ReLU)', () => {
    const net = initFullyConnected({ inputDim: 4, width: 5, depth: 3, activation: 'relu' }, createRng('balance'), 1);
    const data = randomData('balance-data', 4, 6);
    const grads = zeroGradients(net);
    squareLossAndGradient(net, data, grads);
    const before = neuronBalances(net);
    const eta = 0.01;
    const next = cloneNet(net);
    next.layers.forEach((layer, l) => layer.weights.forEach((_, i) => (layer.weights[i] -= eta * grads.weights[l][i])));
    const after = neuronBalances(next);
    // First-order terms cancel exactly; what is left is below η²·(‖∇w_in‖² + ‖∇w_out‖²).
    const norms = neuronGradientNorms(net, grads);
    after.forEach((value, j) => expect(Math.abs(value - before[j])).toBeLessThanOrEqual(eta * eta * norms[j] * (1 + 1e-9) + 1e-13));
  });

  test('bad shapes and parameters name the parameter', () => {
    expect(() => zeroNet({ inputDim: 2, width: 3, depth: 1, activation: 'relu' })).toThrow(InvalidParameterError);
    expect(() => zeroNet({ inputDim: 2, width: 3, depth: 1, activation: 'relu' })).toThrow(/depth/);
    expect(() => zeroNet({ inputDim: 2, width: 0, depth: 2, activation: 'relu' })).toThrow(/width/);
    expect(() => zeroNet({ inputDim: 2, width: 3, depth: 2, activation: 'gelu' as FullyConnectedActivation })).toThrow(/activation/);
    const net = zeroNet({ inputDim: 2, width: 3, depth: 2, activation: 'relu' });
    expect(() => forward(net, [1, 2, 3])).toThrow(/x/);
    expect(() => initFullyConnected(net.spec, createRng(1), -1)).toThrow(/initScale/);
  });
});
