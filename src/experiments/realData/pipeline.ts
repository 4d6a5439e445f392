import type { ComputeBackend } from '../../compute/backend.ts';
import { type Matrix, scale } from '../../linalg/matrix.ts';
import type { Rng } from '../../random/rng.ts';
import type { BinaryTask } from '../../data/binaryTask.ts';
import { fitCleanImageModel, verifyCleanRank, type CleanImageModel, type PcaMode, type RankCheck } from '../../data/pca.ts';
import { padWithNoise } from '../../data/noisePadding.ts';
import { gaussianFilters } from '../../models/initialization.ts';
import { classificationError, type PatchCnnSpec } from '../../models/patchCnn.ts';
import { trainPatchCnn, type TrainingStatus } from '../../training/patchCnnGradientDescent.ts';
import { dataStableRank, filterStableRank } from '../../measures/stableRanks.ts';
import { filterAlignment } from '../../measures/filterAlignment.ts';
import { requireInteger, requireNumber } from '../../parameters/validation.ts';

/**
 * The real-data pipeline of research notes §1.5: a binary task, clean rank-K images by PCA,
 * noise padding, the two-layer Huberized-ReLU CNN trained by full-batch GD, and the measures.
 */
export interface RealDataSettings {
  readonly K: number;
  readonly pca: PcaMode;
  /** Patches per image P (the clean image plus P−1 noise patches). */
  readonly patches: number;
  readonly noiseCovariance: 'isotropic' | 'orthogonal';
  readonly filtersPerClass: number;
  readonly q: number;
  readonly kappa: number;
  /** σ0 of the Gaussian initialization. */
  readonly initScale: number;
  readonly learningRate: number;
  readonly iterations: number;
}

export const REAL_DATA_SCALING =
  "after PCA, every clean image is divided by the mean clean training-image norm, so clean images have mean norm 1 (the synthetic model's ‖μ‖ = 1) and σp·√d is the noise-to-signal norm ratio";

export interface CleanTask {
  readonly task: BinaryTask;
  readonly model: CleanImageModel;
  /** Clean training and test images, scaled (see REAL_DATA_SCALING). */
  readonly train: Matrix;
  readonly test: Matrix;
  /** The measured rank of the clean training matrix (verified = intended rank). */
  readonly rank: RankCheck;
  /** The divisor applied to the clean images. */
  readonly imageScale: number;
}

/** Fits the PCA on the training images, builds clean train/test images, and verifies the rank. */
export function prepareCleanTask(task: BinaryTask, K: number, pca: PcaMode): CleanTask {
  const model = fitCleanImageModel(task.train.images, task.train.labels, K, pca);
  const cleanTrain = model.apply(task.train.images, task.train.labels);
  const rank = verifyCleanRank(cleanTrain, model);
  let norms = 0;
  for (let i = 0; i < cleanTrain.rows; i++) {
    let s = 0;
    for (let k = 0; k < cleanTrain.cols; k++) s += cleanTrain.data[i * cleanTrain.cols + k] ** 2;
    norms += Math.sqrt(s);
  }
  const imageScale = norms / cleanTrain.rows;
  const cleanTest = model.apply(task.test.images, task.test.labels);
  return { task, model, train: scale(cleanTrain, 1 / imageScale), test: scale(cleanTest, 1 / imageScale), rank, imageScale };
}

export interface NoiseLevelResult {
  readonly noise: number;
  /** σp·√d: the noise patch's norm relative to the mean clean-image norm 1. */
  readonly noiseToSignal: number;
  readonly dataStableRank: number;
  readonly filterStableRank: number;
  readonly initialFilterStableRank: number;
  /** ‖Π W‖F²/‖W‖F²: the filters' energy inside the clean principal subspace. */
  readonly cleanSubspaceFraction: number;
  /** The same fraction for random filters: rank(clean)/d, the chance level. */
  readonly chanceFraction: number;
  readonly trainLoss: number;
  readonly testError: number | null;
  readonly status: TrainingStatus;
  readonly steps: number;
  readonly weights: Float64Array;
}

export function validateSettings(s: RealDataSettings): void {
  requireInteger('K', s.K, 1);
  requireInteger('patches', s.patches, 1);
  requireInteger('filtersPerClass', s.filtersPerClass, 1);
  requireNumber('q', s.q, { min: 1 });
  requireNumber('kappa', s.kappa, { min: 0, exclusiveMin: true });
  requireNumber('initScale', s.initScale, { min: 0 });
  requireNumber('learningRate', s.learningRate, { min: 0, exclusiveMin: true });
  requireInteger('iterations', s.iterations, 0);
}

/**
 * One noise level: pads the clean images, trains from `initial` (the same filters at every level,
 * so only σp varies), and measures. A diverged run is a status here, never an exception.
 */
export function runNoiseLevel(
  clean: CleanTask,
  noise: number,
  settings: RealDataSettings,
  initial: Float64Array,
  backend: ComputeBackend,
  rng: Rng,
  options: { deadline?: number; withTestError?: boolean } = {},
): NoiseLevelResult {
  const d = clean.train.cols;
  const padding = { patches: settings.patches, noise, noiseCovariance: settings.noiseCovariance, cleanBasis: clean.model.basis };
  const train = padWithNoise(clean.train, clean.task.train.labels, padding, rng.fork(`train-noise-${noise}`));
  const model: PatchCnnSpec = {
    filtersPerClass: settings.filtersPerClass,
    activation: { kind: 'huber', q: settings.q, kappa: settings.kappa },
  };
  const result = trainPatchCnn(
    backend,
    { model, data: train, initialWeights: initial },
    { iterations: settings.iterations, learningRate: settings.learningRate, deadline: options.deadline },
  );
  const m = settings.filtersPerClass;
  const finite = result.status !== 'diverged';
  let testError: number | null = null;
  if (finite && options.withTestError !== false && clean.test.rows > 0) {
    const test = padWithNoise(clean.test, clean.task.test.labels, padding, rng.fork(`test-noise-${noise}`));
    testError = classificationError(model, result.weights, test);
  }
  return {
    noise,
    noiseToSignal: noise * Math.sqrt(d),
    dataStableRank: dataStableRank(train),
    filterStableRank: finite ? filterStableRank(result.weights, m, d) : Number.NaN,
    initialFilterStableRank: filterStableRank(initial, m, d),
    cleanSubspaceFraction: finite ? filterAlignment(result.weights, m, clean.model.basis).signalFraction : Number.NaN,
    chanceFraction: clean.model.basis.rows / d,
    trainLoss: result.losses[result.losses.length - 1] ?? Number.NaN,
    testError,
    status: result.status,
    steps: result.steps,
    weights: result.weights,
  };
}

/** The initial filters shared by every noise level of a sweep. */
export function initialFilters(settings: RealDataSettings, dim: number, rng: Rng): Float64Array {
  return gaussianFilters(rng.fork('init'), settings.filtersPerClass, dim, settings.initScale);
}
