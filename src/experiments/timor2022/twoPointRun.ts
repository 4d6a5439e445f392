import { twoPointDataset } from '../../data/timor2022/twoPointDataset.ts';
import { hypotNorm } from '../../linalg/matrix.ts';
import {
  type FullyConnectedActivation,
  type FullyConnectedSpec,
  type RegressionData,
  forward,
  initFullyConnected,
  layerMatrix,
} from '../../models/fullyConnected.ts';
import { type RankMeasures, rankMeasures } from '../../measures/rankMeasures.ts';
import type { Rng } from '../../random/rng.ts';
import {
  type SquareLossTrainingOptions,
  type SquareLossTrainingResult,
  trainSquareLoss,
} from '../../training/squareLossGradientDescent.ts';

/**
 * The common timor2022 experiment: a size-2 dataset at a given angle, a net from small init, GD to
 * the loss threshold, then rank measures of the trained layers.
 *
 * Depth 2: the notes ran 40k–60k steps at η = 0.05; every run there and here reaches loss ≤ 1e-8
 * within ≈ 150–3000 steps (the escape from ε = 1e-3 takes t ≈ log(1/ε) ≈ 7 time units), so the
 * loss threshold stops training long before any step cap matters.
 */
const CONVERGED_LOSS = 1e-8;
/** Deep nets are fit to ≤ 1e-6: from small init the last digits cost tens of thousands of steps at depth ≥ 4. */
const DEEP_CONVERGED_LOSS = 1e-6;

/** What every two-point run shares: the dataset, the init scale and the GD schedule. */
interface TwoPointSchedule {
  readonly dim: number;
  readonly width: number;
  readonly initScale: number;
  readonly angleDeg: number;
  /** y = (1, labelRatio): the ratio's sign is the label pattern, its size the imbalance. */
  readonly labelRatio: number;
  readonly learningRate: number;
  readonly maxSteps: number;
  /** Optional weight decay, held then annealed to 0 before the loss threshold is checked (near-minimal norm). */
  readonly weightDecay?: SquareLossTrainingOptions['weightDecay'];
}

/** Data (stream 'data') → init (stream 'init') → GD to `lossThreshold`. */
function fitTwoPoints(
  setting: TwoPointSchedule,
  net: Pick<FullyConnectedSpec, 'depth' | 'activation' | 'bias'>,
  lossThreshold: number,
  rng: Rng,
  deadline: number | undefined,
): { data: RegressionData; training: SquareLossTrainingResult } {
  const data = twoPointDataset(rng.fork('data'), { dim: setting.dim, angleDeg: setting.angleDeg, labels: [1, setting.labelRatio] });
  const initial = initFullyConnected({ inputDim: setting.dim, width: setting.width, ...net }, rng.fork('init'), setting.initScale);
  const training = trainSquareLoss(initial, data, {
    learningRate: setting.learningRate,
    maxSteps: setting.maxSteps,
    lossThreshold,
    deadline,
    ...(setting.weightDecay ? { weightDecay: setting.weightDecay } : {}),
  });
  return { data, training };
}

export interface TwoPointSetting extends TwoPointSchedule {
  readonly activation: FullyConnectedActivation;
}

export interface TwoPointRun {
  readonly data: RegressionData;
  readonly training: SquareLossTrainingResult;
  readonly rank: RankMeasures;
}

/** Depth 2 to loss ≤ 1e-8; the rank measures of the first layer W. */
export function runTwoPoint(setting: TwoPointSetting, rng: Rng, deadline?: number): TwoPointRun {
  const { data, training } = fitTwoPoints(setting, { depth: 2, activation: setting.activation }, CONVERGED_LOSS, rng, deadline);
  return { data, training, rank: rankMeasures(layerMatrix(training.net.layers[0])) };
}

export interface DeepSetting extends TwoPointSchedule {
  readonly depth: number;
  readonly bias?: boolean;
}

export interface DeepRun {
  readonly training: SquareLossTrainingResult;
  /** ‖W_i‖2/‖W_i‖F for the hidden layers W_1 … W_{L−1} (the output row has ratio 1 trivially). */
  readonly layerRatios: number[];
  /** Geometric mean of `layerRatios`: 1 means every hidden layer is rank 1. */
  readonly geometricMeanRatio: number;
  /** Geometric mean over all L layers (the form in which the bound is stated). */
  readonly allLayerGeometricMean: number;
  /** C = min_i ‖x_i‖·Π‖W_i‖F/|N(x_i)|: the excess norm the depth argument needs to be O(1). */
  readonly excessNorm: number;
  /** (1/C)^{1/L}: the floor the norm-product bound puts under the all-layer geometric mean. */
  readonly geometricMeanFloor: number;
}

const geometricMean = (values: number[]) => Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);

/** A ReLU net of any depth to loss ≤ 1e-6; per-layer rank ratios and the norm-product bound. */
export function runDeepTwoPoint(setting: DeepSetting, rng: Rng, deadline?: number): DeepRun {
  const { data, training } = fitTwoPoints(
    setting,
    { depth: setting.depth, activation: 'relu', bias: setting.bias },
    DEEP_CONVERGED_LOSS,
    rng,
    deadline,
  );
  const measures = training.net.layers.map((layer) => rankMeasures(layerMatrix(layer)));
  const frobeniusProduct = measures.reduce((p, m) => p * hypotNorm(m.singularValues), 1);
  // Inputs are unit vectors, so |N(x_i)|/‖x_i‖ = |N(x_i)|.
  const fit = Math.max(...data.inputs.map((x) => Math.abs(forward(training.net, x))));
  const layerRatios = measures.slice(0, -1).map((m) => m.spectralOverFrobenius);
  return {
    training,
    layerRatios,
    geometricMeanRatio: geometricMean(layerRatios),
    allLayerGeometricMean: geometricMean(measures.map((m) => m.spectralOverFrobenius)),
    excessNorm: frobeniusProduct / fit,
    geometricMeanFloor: Math.pow(fit / frobeniusProduct, 1 / setting.depth),
  };
}
