import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { float64Backend } from '../../src/compute/float64/float64Backend.ts';
import type { ActivationSpec } from '../../src/models/activation.ts';
import {
  classificationError,
  meanLogisticLoss,
  patchCnnOutputs,
  logisticLoss,
  logisticWeight,
  type PatchCnnSpec,
} from '../../src/models/patchCnn.ts';
import type { PatchDataset } from '../../src/data/patchDataset.ts';
import { createRng, gaussianArray } from '../../src/random/rng.ts';

function randomProblem(seed: number, samples: number, patches: number, dim: number, m: number, scale: number) {
  const rng = createRng(seed);
  const data: PatchDataset = {
    samples,
    patches,
    dim,
    x: gaussianArray(rng.fork('x'), samples * patches * dim),
    y: Float64Array.from({ length: samples }, () => (rng.uniform() < 0.5 ? 1 : -1)),
  };
  return { data, weights: gaussianArray(rng.fork('w'), 2 * m * dim, scale) };
}

const activations: fc.Arbitrary<ActivationSpec> = fc.oneof(
  fc.record({ kind: fc.constant('huber' as const), q: fc.constantFrom(2, 3, 4), kappa: fc.constantFrom(0.3, 1, 2) }),
  fc.record({ kind: fc.constant('relu-pow' as const), q: fc.constantFrom(2, 3) }),
  fc.constant({ kind: 'relu' as const }),
);

describe('two-layer patch CNN, float64 backend', () => {
  it('gradient equals central finite differences of the mean logistic loss', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        activations,
        fc.integer({ min: 0, max: 1e6 }),
        (samples, patches, dim, m, activation, seed) => {
          const model: PatchCnnSpec = { filtersPerClass: m, activation };
          const { data, weights } = randomProblem(seed, samples, patches, dim, m, 0.7);
          const trainer = float64Backend.createTrainer({ model, data, initialWeights: weights });
          const { loss, gradient } = trainer.lossAndGradient();
          // The backend's loss is the definition's loss.
          expect(Math.abs(loss - meanLogisticLoss(model, weights, data))).toBeLessThan(1e-14 * Math.max(1, loss));
          const h = 1e-6;
          let worst = 0;
          let largest = 0;
          for (let i = 0; i < weights.length; i++) {
            const plus = Float64Array.from(weights);
            const minus = Float64Array.from(weights);
            plus[i] += h;
            minus[i] -= h;
            const fd = (meanLogisticLoss(model, plus, data) - meanLogisticLoss(model, minus, data)) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - gradient[i]));
            largest = Math.max(largest, Math.abs(gradient[i]));
          }
          // ReLU's kink at 0 is crossed with probability ~0 at h = 1e-6 on Gaussian data.
          expect(worst).toBeLessThan(1e-7 * Math.max(1, largest));
          trainer.dispose();
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
  });

  it('a small gradient step lowers the loss and the trainer reports the loss before the step', () => {
    const model: PatchCnnSpec = { filtersPerClass: 3, activation: { kind: 'huber', q: 3, kappa: 1 } };
    const { data, weights } = randomProblem(9, 20, 3, 8, 3, 0.5);
    const trainer = float64Backend.createTrainer({ model, data, initialWeights: weights });
    const before = meanLogisticLoss(model, weights, data);
    expect(trainer.step(0.05)).toBe(before);
    expect(meanLogisticLoss(model, trainer.weights(), data)).toBeLessThan(before);
    expect(weights).toEqual(randomProblem(9, 20, 3, 8, 3, 0.5).weights); // the caller's array is never written
  });

  it('outputs follow f = F₊ − F₋ with rows 0..m−1 for class +1', () => {
    const model: PatchCnnSpec = { filtersPerClass: 1, activation: { kind: 'relu' } };
    const data: PatchDataset = { samples: 1, patches: 2, dim: 2, x: Float64Array.from([1, 0, 0, 1]), y: Float64Array.from([1]) };
    // w₊ = (2, 0), w₋ = (0, 3): F₊ = relu(2) + relu(0) = 2, F₋ = relu(0) + relu(3) = 3.
    expect(Array.from(patchCnnOutputs(model, Float64Array.from([2, 0, 0, 3]), data))).toEqual([-1]);
    expect(classificationError(model, Float64Array.from([2, 0, 0, 3]), data)).toBe(1);
    expect(classificationError(model, Float64Array.from([4, 0, 0, 3]), data)).toBe(0);
  });

  it('logistic loss and weight are stable at extreme margins', () => {
    expect(logisticLoss(0)).toBeCloseTo(Math.LN2, 15);
    expect(logisticLoss(800)).toBe(0);
    expect(logisticLoss(-800)).toBe(800);
    expect(logisticLoss(40)).toBeCloseTo(Math.exp(-40), 30);
    expect(logisticWeight(-800)).toBe(1);
    expect(logisticWeight(800)).toBe(0);
    expect(logisticWeight(0)).toBe(0.5);
  });
});
