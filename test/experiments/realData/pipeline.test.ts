import { describe, expect, it } from 'vitest';
import { mnistBinaryTask } from '../../../src/data/mnist.ts';
import { getBackend } from '../../../src/compute/backends.ts';
import { createRng } from '../../../src/random/rng.ts';
import { initialFilters, prepareCleanTask, runNoiseLevel, type RealDataSettings } from '../../../src/experiments/realData/pipeline.ts';
import { runSweep } from '../../../src/experiments/realData/sweep.ts';

const settings: RealDataSettings = {
  K: 2,
  pca: 'classwise',
  patches: 2,
  noiseCovariance: 'isotropic',
  filtersPerClass: 3,
  q: 4,
  kappa: 0.05,
  initScale: 1e-3,
  learningRate: 50,
  iterations: 40,
};
const task = mnistBinaryTask([0, 1], { trainPerClass: 15, testPerClass: 10 }, createRng(5));

describe('the real-data pipeline', () => {
  it('scales the clean images to mean norm 1 and keeps their rank', () => {
    const clean = prepareCleanTask(task, 2, 'classwise');
    let total = 0;
    for (let i = 0; i < clean.train.rows; i++) total += Math.hypot(...clean.train.data.subarray(i * 784, (i + 1) * 784));
    expect(total / clean.train.rows).toBeCloseTo(1, 12);
    expect(clean.rank.rank).toBe(4);
    expect(clean.imageScale).toBeGreaterThan(1);
  });

  it('with σp = 0 the trained filters stay in the clean span; orthogonal noise keeps sr(X) growing', () => {
    const clean = prepareCleanTask(task, 2, 'classwise');
    const rng = createRng(1);
    const initial = initialFilters(settings, 784, rng);
    const backend = getBackend('float64');
    const quiet = runNoiseLevel(clean, 0, settings, initial, backend, rng);
    // Gradients of clean data lie in the clean span; only the σ0 = 1e-3 initialization lies outside.
    expect(quiet.cleanSubspaceFraction).toBeGreaterThan(0.99);
    expect(quiet.chanceFraction).toBeCloseTo(4 / 784, 12);
    const orthogonal = runNoiseLevel(clean, 0.1, { ...settings, noiseCovariance: 'orthogonal' }, initial, backend, rng);
    expect(orthogonal.dataStableRank).toBeGreaterThan(3 * quiet.dataStableRank);
    expect(orthogonal.initialFilterStableRank).toBe(quiet.initialFilterStableRank);
  });

  it('a diverging run is a status with NaN measures, not an exception', () => {
    const clean = prepareCleanTask(task, 1, 'global');
    const rng = createRng(2);
    // Filter entries of size ~1e308 overflow (some to ±Inf), so the loss becomes NaN.
    const wild = { ...settings, K: 1, pca: 'global' as const, initScale: 1e308, learningRate: 1e300, iterations: 20 };
    const level = runNoiseLevel(clean, 0.1, wild, initialFilters(wild, 784, rng), getBackend('float64'), rng);
    expect(level.status).toBe('diverged');
    expect(level.filterStableRank).toBeNaN();
    expect(level.testError).toBeNull();
  });

  it('a sweep rejects an unordered noise grid and skips levels past its deadline', () => {
    expect(() => runSweep(task, { ...settings, noiseLevels: [0.1, 0.05] }, getBackend('float64'), createRng(1))).toThrow(
      /invalid noise levels: \[0.1,0.05\] \(must be strictly increasing/,
    );
    const late = runSweep(task, { ...settings, noiseLevels: [0, 0.1] }, getBackend('float64'), createRng(1), { deadline: Date.now() - 1 });
    expect(late.levels).toHaveLength(0);
    expect(late.skipped).toEqual([0, 0.1]);
  });
});
