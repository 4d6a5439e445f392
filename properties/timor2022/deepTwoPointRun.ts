import { twoPointDataset } from '../../src/data/timor2022/twoPointDataset.ts';
import { forward, initFullyConnected, layerMatrix } from '../../src/models/fullyConnected.ts';
import { rankMeasures } from '../../src/measures/rankMeasures.ts';
import type { Rng } from '../../src/random/rng.ts';
import { type SquareLossTrainingResult, trainSquareLoss } from '../../src/training/squareLossGradientDescent.ts';

/** Deep nets are fit to ≤ 1e-6: from small init the last digits cost tens of thousands of steps at depth ≥ 4. */
export const DEEP_CONVERGED_LOSS = 1e-6;

export interface DeepSetting {
  readonly dim: number;
  readonly width: number;
  readonly depth: number;
  readonly initScale: number;
  readonly angleDeg: number;
  readonly labelRatio: number;
  readonly learningRate: number;
  readonly maxSteps: number;
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

export function runDeepTwoPoint(setting: DeepSetting, rng: Rng, deadline?: number): DeepRun {
  const data = twoPointDataset(rng.fork('data'), { dim: setting.dim, angleDeg: setting.angleDeg, labels: [1, setting.labelRatio] });
  const initial = initFullyConnected({ inputDim: setting.dim, width: setting.width, depth: setting.depth, activation: 'relu', bias: setting.bias }, rng.fork('init'), setting.initScale);
  const training = trainSquareLoss(initial, data, { learningRate: setting.learningRate, maxSteps: setting.maxSteps, lossThreshold: DEEP_CONVERGED_LOSS, deadline });
  const measures = training.net.layers.map((layer) => rankMeasures(layerMatrix(layer)));
  const frobeniusProduct = measures.reduce((p, m) => p * Math.hypot(...m.singularValues), 1);
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
