import { describe, expect, it } from 'vitest';
import { float64Backend } from '../../src/compute/float64/float64Backend.ts';
import type { ComputeBackend, PatchCnnProblem } from '../../src/compute/backend.ts';
import { createSignalNoiseModel } from '../../src/data/zhang2025/signalNoiseModel.ts';
import { dataStableRank, filterStableRank } from '../../src/measures/stableRanks.ts';
import { gaussianFilters } from '../../src/models/initialization.ts';
import { meanLogisticLoss } from '../../src/models/patchCnn.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';
import { createRng } from '../../src/random/rng.ts';
import { trainPatchCnn } from '../../src/training/patchCnnGradientDescent.ts';
import { zhang2025Recorder } from '../../src/training/zhang2025Checkpoints.ts';

const K = 2;
const m = 4;
const dim = 16;
const rng = createRng('training-test');
const model = createSignalNoiseModel({ K, dim, patches: 2, noise: 0.2 }, rng.fork('model'));
const data = model.sampleBalanced(16, rng.fork('train')).data;
const problem: PatchCnnProblem = {
  model: { filtersPerClass: m, activation: { kind: 'huber', q: 3, kappa: 0.1 } },
  data,
  initialWeights: gaussianFilters(rng.fork('init'), m, dim, 0.05),
};
const recorder = () => zhang2025Recorder({ filtersPerClass: m, dim, dataStableRank: dataStableRank(data), basis: model.basis });

describe('full-batch gradient descent', () => {
  it('returns L(W_t) before every step and at the end, the final W, timing and backend', () => {
    const result = trainPatchCnn(float64Backend, problem, { iterations: 30, learningRate: 2 });
    expect(result.status).toBe('completed');
    expect(result.steps).toBe(30);
    expect(result.losses).toHaveLength(31);
    // Replay the update rule by hand with the definition's loss.
    const trainer = float64Backend.createTrainer(problem);
    for (let t = 0; t < 30; t++) {
      const expected = meanLogisticLoss(problem.model, trainer.weights(), data);
      expect(Math.abs(result.losses[t] - expected)).toBeLessThan(1e-14 * expected);
      trainer.step(2);
    }
    expect(result.weights).toEqual(trainer.weights());
    expect(result.losses[30]).toBeCloseTo(meanLogisticLoss(problem.model, result.weights, data), 14);
    expect(result.losses[30]).toBeLessThan(result.losses[0]);
    expect(result.initialWeights).toEqual(problem.initialWeights);
    expect(result.msPerIteration).toBeGreaterThan(0);
    expect(result.backend).toBe('float64');
    expect(result.device).toMatch(/float64/);
    expect(result.divergedAt).toBeNull();
  });

  it('checkpoints record filter stable rank, data stable rank and the filter/basis cosines at the right steps', () => {
    const result = trainPatchCnn(float64Backend, problem, { iterations: 25, learningRate: 2, checkpointEvery: 10 }, recorder());
    expect(result.checkpoints.map((c) => c.step)).toEqual([0, 10, 20, 25]);
    for (const checkpoint of result.checkpoints) {
      const replay = trainPatchCnn(float64Backend, problem, { iterations: checkpoint.step, learningRate: 2 });
      expect(checkpoint.loss).toBe(result.losses[checkpoint.step]);
      expect(checkpoint.value.filterStableRank).toBe(filterStableRank(replay.weights, m, dim));
      expect(checkpoint.value.dataStableRank).toBe(dataStableRank(data));
      const cosines = checkpoint.value.cosines!;
      expect(cosines).toHaveLength(2 * m);
      for (let j = 0; j < 2 * m; j++) {
        expect(cosines[j]).toHaveLength(2 * K);
        const w = replay.weights.subarray(j * dim, (j + 1) * dim);
        const norm = Math.hypot(...w);
        for (let b = 0; b < 2 * K; b++) {
          let inner = 0;
          for (let k = 0; k < dim; k++) inner += w[k] * model.basis.data[b * dim + k];
          expect(cosines[j][b]).toBeCloseTo(inner / norm, 12);
        }
      }
    }
    // Training moves the filters toward the signal directions: the best cosine grows.
    const best = (c: number[][]) => Math.max(...c.flat().map(Math.abs));
    expect(best(result.checkpoints[3].value.cosines!)).toBeGreaterThan(best(result.checkpoints[0].value.cosines!));
  });

  it('stops early after the first step that starts at or below the loss threshold', () => {
    const full = trainPatchCnn(float64Backend, problem, { iterations: 200, learningRate: 2 });
    const threshold = (full.losses[0] + full.losses[200]) / 2;
    const first = full.losses.findIndex((l) => l <= threshold);
    expect(first).toBeGreaterThan(0);
    const early = trainPatchCnn(float64Backend, problem, { iterations: 200, learningRate: 2, lossThreshold: threshold });
    expect(early.status).toBe('converged');
    expect(early.steps).toBe(first + 1);
    expect(early.losses).toEqual(full.losses.slice(0, first + 2));
  });

  it('a huge learning rate gives status diverged with the step, not an exception', () => {
    // ReLU^3 grows superlinearly, so on labels no filter can fit an oversized step overflows.
    const shuffled = { ...data, y: Float64Array.from(data.y, (_, i) => (i % 3 === 0 ? 1 : -1)) };
    const cubic: PatchCnnProblem = { ...problem, data: shuffled, model: { filtersPerClass: m, activation: { kind: 'relu-pow', q: 3 } } };
    const result = trainPatchCnn(float64Backend, cubic, { iterations: 50, learningRate: 1e10 }, recorder());
    expect(result.status).toBe('diverged');
    expect(result.divergedAt).not.toBeNull();
    const at = result.divergedAt!;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(50);
    expect(Number.isFinite(result.losses[at])).toBe(false);
    expect(result.losses.slice(0, at).every(Number.isFinite)).toBe(true);
    expect(result.losses).toHaveLength(at + 1);
    // No checkpoint is computed from non-finite weights.
    expect(result.checkpoints.every((c) => Number.isFinite(c.value.filterStableRank))).toBe(true);
  });

  it('a checkpoint due on weights that overflowed ends the run as diverged instead of measuring them', () => {
    // A backend whose update overflows the weights at step 3 while every loss it reports is finite.
    let w = Float64Array.from([1, 2]);
    const overflowing: ComputeBackend = {
      ...float64Backend,
      createTrainer: () => ({
        lossAndGradient: () => ({ loss: 1, gradient: new Float64Array(2) }),
        step: () => {
          w = w.map((v) => v * 1e200);
          return 1;
        },
        weights: () => Float64Array.from(w),
        outputs: () => new Float64Array(1),
        dispose: () => {},
      }),
    };
    const measured: number[] = [];
    const result = trainPatchCnn(overflowing, problem, { iterations: 10, learningRate: 1, checkpointEvery: 1 }, (weights, step) => {
      measured.push(step);
      return weights.every(Number.isFinite);
    });
    expect(result.status).toBe('diverged');
    expect(result.divergedAt).toBe(2);
    expect(measured).toEqual([0, 1]);
    expect(result.checkpoints.every((c) => c.value)).toBe(true);
    expect(result.losses).toEqual([1, 1, Number.NaN]);
    // Without checkpoints the overflow is found at the end.
    w = Float64Array.from([1, 2]);
    const late = trainPatchCnn(overflowing, problem, { iterations: 4, learningRate: 1 });
    expect(late.status).toBe('diverged');
    expect(late.divergedAt).toBe(4);
  });

  it('the same huge step on Huberized ReLU, linear above κ, does not overflow: separable data reach loss 0', () => {
    const result = trainPatchCnn(float64Backend, problem, { iterations: 5, learningRate: 1e10 });
    expect(result.status).toBe('completed');
    expect(result.losses[5]).toBe(0);
  });

  it('zero iterations, a passed deadline and bad options', () => {
    const none = trainPatchCnn(float64Backend, problem, { iterations: 0, learningRate: 1 });
    expect(none.losses).toEqual([meanLogisticLoss(problem.model, problem.initialWeights, data)]);
    expect(none.status).toBe('completed');
    const late = trainPatchCnn(float64Backend, problem, { iterations: 10, learningRate: 1, deadline: Date.now() - 1 });
    expect(late.status).toBe('timeout');
    expect(late.steps).toBe(0);
    expect(() => trainPatchCnn(float64Backend, problem, { iterations: -1, learningRate: 1 })).toThrow(InvalidParameterError);
    expect(() => trainPatchCnn(float64Backend, problem, { iterations: 1, learningRate: 0 })).toThrow(/invalid learningRate: 0/);
    expect(() => trainPatchCnn(float64Backend, problem, { iterations: 1, learningRate: Number.NaN })).toThrow(InvalidParameterError);
    expect(() => trainPatchCnn(float64Backend, problem, { iterations: 1, learningRate: 1, checkpointEvery: 0 })).toThrow(/checkpointEvery/);
  });
});
