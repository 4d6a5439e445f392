import { twoPointDataset } from '../../src/data/timor2022/twoPointDataset.ts';
import { type FullyConnectedActivation, type RegressionData, initFullyConnected, layerMatrix } from '../../src/models/fullyConnected.ts';
import { type RankMeasures, rankMeasures } from '../../src/measures/rankMeasures.ts';
import type { Rng } from '../../src/random/rng.ts';
import { type SquareLossTrainingResult, trainSquareLoss } from '../../src/training/squareLossGradientDescent.ts';

/**
 * The common paper-2 experiment: a size-2 dataset at a given angle, a depth-2 net from small
 * init, GD to the loss threshold, the three rank measures of the first layer W.
 *
 * The notes ran 40k–60k steps at η = 0.05; every run there and here reaches loss ≤ 1e-8 within
 * ≈ 150–3000 steps (the escape from ε = 1e-3 takes t ≈ log(1/ε) ≈ 7 time units), so the loss
 * threshold stops training long before any step cap matters.
 */
export const CONVERGED_LOSS = 1e-8;

export interface TwoPointSetting {
  readonly dim: number;
  readonly width: number;
  readonly initScale: number;
  readonly angleDeg: number;
  /** y = (1, labelRatio): the ratio's sign is the label pattern, its size the imbalance. */
  readonly labelRatio: number;
  readonly learningRate: number;
  readonly maxSteps: number;
  readonly activation: FullyConnectedActivation;
}

export interface TwoPointRun {
  readonly data: RegressionData;
  readonly training: SquareLossTrainingResult;
  readonly rank: RankMeasures;
}

export function runTwoPoint(setting: TwoPointSetting, rng: Rng, deadline?: number): TwoPointRun {
  const data = twoPointDataset(rng.fork('data'), { dim: setting.dim, angleDeg: setting.angleDeg, labels: [1, setting.labelRatio] });
  const initial = initFullyConnected({ inputDim: setting.dim, width: setting.width, depth: 2, activation: setting.activation }, rng.fork('init'), setting.initScale);
  const training = trainSquareLoss(initial, data, { learningRate: setting.learningRate, maxSteps: setting.maxSteps, lossThreshold: CONVERGED_LOSS, deadline });
  return { data, training, rank: rankMeasures(layerMatrix(training.net.layers[0])) };
}
