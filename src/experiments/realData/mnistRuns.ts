import type { ComputeBackend } from '../../compute/backend.ts';
import { createRng } from '../../random/rng.ts';
import { mnistBinaryTask, parseDigitPair } from '../../data/mnist.ts';
import type { PcaMode } from '../../data/pca.ts';
import { padWithNoise } from '../../data/noisePadding.ts';
import { dataStableRank } from '../../measures/stableRanks.ts';
import {
  initialFilters,
  prepareCleanTask,
  runNoiseLevel,
  type CleanTask,
  type NoiseLevelResult,
  type RealDataSettings,
} from './pipeline.ts';

/**
 * The small real-digit runs the MNIST claims measure: 50 training images per class, P = 2,
 * m = 5 filters per class, 200 GD steps at η = 50 (about a second each on one core). Calibrated
 * so that the clean runs reach a training loss of about 0.01–0.05 on the easy pairs.
 */
export const MNIST_CLAIM_SIZES = { trainPerClass: 50, testPerClass: 100 } as const;

export function mnistClaimSettings(K: number, pca: PcaMode = 'classwise'): RealDataSettings {
  return {
    K,
    pca,
    patches: 2,
    noiseCovariance: 'isotropic',
    filtersPerClass: 5,
    q: 4,
    kappa: 0.05,
    initScale: 1e-3,
    learningRate: 50,
    iterations: 200,
  };
}

/** The digit pairs the claims draw from: two easy, two that MNIST readers know are confusable. */
export const MNIST_CLAIM_PAIRS = ['0-1', '1-7', '3-8', '4-9'] as const;

const cleanCache = new Map<string, CleanTask>();

/** The clean task of one (pair, K, PCA mode, seed); cached, since a run needs it at two noise levels. */
export function mnistCleanTask(digits: string, K: number, pca: PcaMode, seed: number): CleanTask {
  const key = `${digits}|${K}|${pca}|${seed}`;
  let clean = cleanCache.get(key);
  if (!clean) {
    const task = mnistBinaryTask(parseDigitPair(digits), MNIST_CLAIM_SIZES, createRng(seed).fork('mnist-task'));
    clean = prepareCleanTask(task, K, pca);
    if (cleanCache.size > 32) cleanCache.clear();
    cleanCache.set(key, clean);
  }
  return clean;
}

/** Trains at each noise level from the same initial filters and the same clean images. */
export function mnistRuns(
  digits: string,
  K: number,
  noises: readonly number[],
  seed: number,
  backend: ComputeBackend,
  deadline?: number,
  pca: PcaMode = 'classwise',
): { clean: CleanTask; levels: NoiseLevelResult[] } {
  const clean = mnistCleanTask(digits, K, pca, seed);
  const settings = mnistClaimSettings(K, pca);
  const rng = createRng(seed).fork('mnist-training');
  const initial = initialFilters(settings, clean.train.cols, rng);
  const levels = noises.map((noise) => runNoiseLevel(clean, noise, settings, initial, backend, rng, { deadline }));
  return { clean, levels };
}

/** sr(X) of the padded training images at each noise level (no training: the data side only). */
export function mnistDataStableRanks(
  digits: string,
  K: number,
  pca: PcaMode,
  noises: readonly number[],
  seed: number,
): { clean: CleanTask; ranks: number[] } {
  const clean = mnistCleanTask(digits, K, pca, seed);
  const settings = mnistClaimSettings(K, pca);
  const rng = createRng(seed).fork('mnist-padding');
  const ranks = noises.map((noise) =>
    dataStableRank(
      padWithNoise(
        clean.train,
        clean.task.train.labels,
        { patches: settings.patches, noise, noiseCovariance: settings.noiseCovariance, cleanBasis: clean.model.basis },
        rng.fork(`noise-${noise}`),
      ),
    ),
  );
  return { clean, ranks };
}
