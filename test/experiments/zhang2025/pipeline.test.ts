import { describe, expect, test } from 'vitest';
import { createRng } from '../../../src/random/rng.ts';
import { getBackend } from '../../../src/compute/backends.ts';
import { InvalidParameterError } from '../../../src/parameters/validation.ts';
import { buildProblem } from '../../../src/experiments/zhang2025/buildProblem.ts';
import { downsampleLossCurve, largestLossIncrease } from '../../../src/experiments/zhang2025/lossCurve.ts';
import { measureTraining } from '../../../src/experiments/zhang2025/measureTraining.ts';
import { smoothnessBound } from '../../../src/experiments/zhang2025/smoothness.ts';
import { activationOf, runA, type Zhang2025Setting } from '../../../src/experiments/zhang2025/setting.ts';
import { clearTrainingCache, trainedRun } from '../../../src/experiments/zhang2025/trainingCache.ts';

const tiny: Zhang2025Setting = { ...runA, K: 2, filtersPerClass: 6, samples: 24, dim: 30, maxSteps: 60, lossTarget: 0, testSamples: 50 };

describe('zhang2025 experiment pipeline', () => {
  test('loss curves are cut to at most 200 points, keeping both ends', () => {
    const losses = Array.from({ length: 1001 }, (_, i) => 1 / (i + 1));
    const curve = downsampleLossCurve(losses);
    expect(curve).toHaveLength(200);
    expect(curve[0]).toBe(losses[0]);
    expect(curve[199]).toBe(losses[1000]);
    expect(downsampleLossCurve([3, 2, 1])).toEqual([3, 2, 1]);
    expect(largestLossIncrease([3, 2, 2.5, 1])).toBeCloseTo(0.5, 12);
    expect(largestLossIncrease([3, 2, 1])).toBe(-1);
  });

  test('settings that differ only in noise share basis, init and noise directions', () => {
    const quiet = buildProblem({ ...tiny, noise: 0.5 }, createRng(7));
    const loud = buildProblem({ ...tiny, noise: 2 }, createRng(7));
    expect(Array.from(loud.model.basis.data)).toEqual(Array.from(quiet.model.basis.data));
    expect(Array.from(loud.problem.initialWeights)).toEqual(Array.from(quiet.problem.initialWeights));
    const { patches, dim, x } = quiet.train.data;
    for (let i = 0; i < quiet.train.data.samples; i++) {
      for (let k = 0; k < dim; k++) {
        const at = (i * patches + 1) * dim + k; // patch 1 is background noise
        expect(loud.train.data.x[at]).toBeCloseTo(4 * x[at], 12);
        expect(loud.train.data.x[i * patches * dim + k]).toBe(x[i * patches * dim + k]); // the signal patch is untouched
      }
    }
  });

  test('a step of size 1/L never increases the loss (the smoothness bound is an upper bound)', () => {
    const built = buildProblem({ ...tiny, noise: 1, initScale: 0.3 }, createRng(3));
    const lipschitz = smoothnessBound(built.train.data, tiny.filtersPerClass, activationOf(tiny));
    const trainer = getBackend('float64').createTrainer(built.problem);
    try {
      let before = trainer.lossAndGradient().loss;
      for (let t = 0; t < 20; t++) {
        trainer.step(1 / lipschitz);
        const after = trainer.lossAndGradient().loss;
        expect(after).toBeLessThanOrEqual(before + 1e-15);
        before = after;
      }
    } finally {
      trainer.dispose();
    }
  });

  test('measurements have the shapes the report charts expect', () => {
    const m = measureTraining(tiny, createRng(1), getBackend('float64'));
    expect(m.status).toBe('ok');
    expect(m.cosines).toHaveLength(2 * tiny.filtersPerClass);
    expect(m.cosines[0]).toHaveLength(2 * tiny.K);
    expect(m.coverage).toHaveLength(2);
    expect(m.lossCurve.length).toBeLessThanOrEqual(200);
    expect(m.lossCurve[0]).toBeCloseTo(Math.log(2), 3);
    expect(m.dataStableRank).toBeCloseTo(2 * tiny.K, 9); // noise 0: the clean rank
    expect(m.testError).toBeGreaterThanOrEqual(0);
  });

  test('training runs are cached per (setting, seed, backend) and reproduced exactly', () => {
    clearTrainingCache();
    const context = { seed: 5, backend: getBackend('float64'), deadline: Date.now() + 60_000 };
    const first = trainedRun(tiny, context);
    expect(trainedRun(tiny, context)).toBe(first);
    clearTrainingCache();
    const again = trainedRun(tiny, context);
    expect(again).not.toBe(first);
    expect(again.lossCurve).toEqual(first.lossCurve);
    expect(trainedRun(tiny, { ...context, seed: 6 }).lossCurve).not.toEqual(first.lossCurve);
  });

  test('bad settings are rejected naming the parameter', () => {
    expect(() => buildProblem({ ...tiny, samples: 25 }, createRng(1))).toThrow(InvalidParameterError);
    expect(() => buildProblem({ ...tiny, samples: 25 }, createRng(1))).toThrow(/samples/);
    expect(() => buildProblem({ ...tiny, noise: -1 }, createRng(1))).toThrow(/noise/);
  });
});
