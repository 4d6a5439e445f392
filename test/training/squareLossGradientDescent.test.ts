import { describe, expect, test } from 'vitest';
import { initFullyConnected, layerMatrix } from '../../src/models/fullyConnected.ts';
import { trainSquareLoss } from '../../src/training/squareLossGradientDescent.ts';
import { twoPointDataset } from '../../src/data/timor2022/twoPointDataset.ts';
import { rankMeasures } from '../../src/measures/rankMeasures.ts';
import { matrix } from '../../src/linalg/matrix.ts';
import { createRng } from '../../src/random/rng.ts';
import { rankOneInterpolant } from '../../properties/timor2022/rankOneConstruction.ts';
import { forward } from '../../src/models/fullyConnected.ts';

const spec = { inputDim: 5, width: 10, depth: 2, activation: 'relu' as const };

describe('square-loss gradient descent', () => {
  const data = twoPointDataset(createRng('d'), { dim: 5, angleDeg: 60, labels: [1, 1] });

  test('converges to the loss threshold from small init, and is deterministic given the seed', () => {
    const run = () =>
      trainSquareLoss(initFullyConnected(spec, createRng(3), 1e-3), data, { learningRate: 0.05, maxSteps: 5000, lossThreshold: 1e-8 });
    const a = run();
    const b = run();
    expect(a.status).toBe('converged');
    expect(a.finalLoss).toBeLessThanOrEqual(1e-8);
    expect(a.steps).toBe(b.steps);
    expect([...a.net.layers[0].weights]).toEqual([...b.net.layers[0].weights]);
  });

  test('weight decay, held then annealed: no early stop while λ > 0, a smaller-norm interpolant at the end, bad settings named', () => {
    const frobenius = (net: ReturnType<typeof initFullyConnected>) => Math.hypot(...net.layers.flatMap((l) => [...l.weights]));
    const start = initFullyConnected(spec, createRng(4), 1);
    const plain = trainSquareLoss(start, data, { learningRate: 0.05, maxSteps: 20_000, lossThreshold: 1e-6 });
    const decayed = trainSquareLoss(start, data, {
      learningRate: 0.05,
      maxSteps: 20_000,
      lossThreshold: 1e-6,
      weightDecay: { lambda: 0.01, holdSteps: 3000, annealSteps: 1000 },
    });
    expect(plain.status).toBe('converged');
    expect(decayed.status).toBe('converged');
    expect(decayed.steps).toBeGreaterThanOrEqual(4000);
    expect(frobenius(decayed.net)).toBeLessThan(frobenius(plain.net));
    expect(() =>
      trainSquareLoss(start, data, { learningRate: 0.05, maxSteps: 10, weightDecay: { lambda: -1, holdSteps: 1, annealSteps: 1 } }),
    ).toThrow(/weightDecay.lambda/);
  });

  test('does not modify the initial net', () => {
    const initial = initFullyConnected(spec, createRng(3), 1e-3);
    const copy = Float64Array.from(initial.layers[0].weights);
    trainSquareLoss(initial, data, { learningRate: 0.05, maxSteps: 10 });
    expect([...initial.layers[0].weights]).toEqual([...copy]);
  });

  test('a huge step diverges: status `diverged` with the step, no exception', () => {
    // Linear, so no unit can die and stop the blow-up (a ReLU net at a huge step often just dies).
    const result = trainSquareLoss(initFullyConnected({ ...spec, activation: 'linear' }, createRng(3), 1), data, {
      learningRate: 5,
      maxSteps: 10_000,
    });
    expect(result.status).toBe('diverged');
    expect(result.divergedAt).toBeGreaterThan(0);
    expect(result.divergedAt).toBeLessThan(10_000);
  });

  test('a deadline in the past gives status `timeout`', () => {
    const result = trainSquareLoss(initFullyConnected(spec, createRng(3), 1e-3), data, {
      learningRate: 0.05,
      maxSteps: 100_000,
      deadline: Date.now() - 1,
    });
    expect(result.status).toBe('timeout');
  });

  test('bad options name the parameter', () => {
    const net = initFullyConnected(spec, createRng(3), 1e-3);
    expect(() => trainSquareLoss(net, data, { learningRate: 0, maxSteps: 10 })).toThrow(/learningRate/);
    expect(() => trainSquareLoss(net, data, { learningRate: 0.1, maxSteps: -1 })).toThrow(/maxSteps/);
    expect(() => trainSquareLoss(net, { inputs: data.inputs, labels: [1] }, { learningRate: 0.1, maxSteps: 1 })).toThrow(/labels/);
  });
});

describe('timor2022 building blocks', () => {
  test('two-point dataset: unit inputs at the requested angle', () => {
    const { inputs } = twoPointDataset(createRng('angle'), { dim: 7, angleDeg: 120, labels: [1, -1] });
    const dot = inputs[0].reduce((s, v, k) => s + v * inputs[1][k], 0);
    expect(Math.hypot(...inputs[0])).toBeCloseTo(1, 12);
    expect(Math.hypot(...inputs[1])).toBeCloseTo(1, 12);
    expect(dot).toBeCloseTo(Math.cos((120 * Math.PI) / 180), 12);
    expect(() => twoPointDataset(createRng(1), { dim: 1, angleDeg: 30, labels: [1, 1] })).toThrow(/dim/);
    expect(() => twoPointDataset(createRng(1), { dim: 3, angleDeg: 200, labels: [1, 1] })).toThrow(/angleDeg/);
  });

  test('rank measures of a known spectrum', () => {
    // diag(3, 1, 0.01): σ2/σ1 = 1/3, sr = (9 + 1 + 1e-4)/9, numerical rank at 3% = 2.
    const m = rankMeasures(matrix(3, 3, [3, 0, 0, 0, 1, 0, 0, 0, 0.01]));
    expect(m.ratio).toBeCloseTo(1 / 3, 12);
    expect(m.stableRank).toBeCloseTo((9 + 1 + 1e-4) / 9, 12);
    expect(m.numericalRank).toBe(2);
    expect(m.spectralOverFrobenius).toBeCloseTo(1 / Math.sqrt(m.stableRank), 12);
    expect(rankMeasures(matrix(2, 2)).numericalRank).toBe(0);
  });

  test('the rank-1 interpolant fits both label patterns with a rank-1 first layer', () => {
    for (const labels of [
      [1, 2],
      [1, -0.5],
      [-2, -1],
    ] as [number, number][]) {
      const { inputs } = twoPointDataset(createRng('interp'), { dim: 4, angleDeg: 135, labels });
      const net = rankOneInterpolant(inputs[0], inputs[1], ...labels);
      expect(forward(net, inputs[0])).toBeCloseTo(labels[0], 12);
      expect(forward(net, inputs[1])).toBeCloseTo(labels[1], 12);
      expect(rankMeasures(layerMatrix(net.layers[0]), 1e-9).numericalRank).toBe(1);
    }
  });
});
