import type { ComputeBackend } from '../../compute/backend.ts';
import type { Rng } from '../../random/rng.ts';
import { trainPatchCnn } from '../../training/patchCnnGradientDescent.ts';
import { combinedStatus, type RunStatus, type TrainingStatus } from '../../training/trainingStatus.ts';
import { classificationError } from '../../models/patchCnn.ts';
import { dataStableRank, filterStableRank, patchStableRank } from '../../measures/stableRanks.ts';
import { filterAlignment, initialWinnerAgreement } from '../../measures/filterAlignment.ts';
import { buildProblem } from './buildProblem.ts';
import { downsampleLossCurve, largestLossIncrease } from './lossCurve.ts';
import type { Zhang2025Setting } from './setting.ts';

/**
 * Everything the zhang2025 training claims look at, under the names the report charts use.
 * Filter quantities are taken at the end of training (W_T) unless named `initial…`.
 */
export type TrainingMeasurements = {
  status: RunStatus;
  divergedAt: number | null;
  /** The training loop's own status: converged (loss target reached) or completed (step cap). */
  trainingStatus: TrainingStatus;
  steps: number;
  /** σp·√d. */
  noise: number;
  filterStableRank: number;
  initialFilterStableRank: number;
  /** sr of the flattened training images (n × P·d). */
  dataStableRank: number;
  /** sr of the patch matrix (n·P × d), reported beside it. */
  patchStableRank: number;
  /** Σ‖w‖² max|cos(w, u)| / Σ‖w‖². */
  weightedMaxCosine: number;
  /** ‖Π_U W‖F² / ‖W‖F². */
  signalFraction: number;
  /** ‖(I − Π_U) Wᵀ‖F / ‖W‖F: the part of the filters outside the clean span. */
  nonSignalNorm: number;
  /** Distinct own-class directions won by each class's large filters: [class +1, class −1]. */
  coverage: number[];
  /** cos(w_j, u_b): 2m filters × 2K directions. */
  cosines: number[][];
  /** Fraction of large filters whose final own-class winner is their init argmax. */
  winnerAgreement: number;
  /** Training loss, at most 200 points from L(W_0) to L(W_T). */
  lossCurve: number[];
  finalLoss: number;
  /** Largest one-step loss increase over the whole trajectory. */
  largestLossIncrease: number;
  /** Error on fresh i.i.d. samples (NaN when the setting asks for none). */
  testError: number;
  msPerStep: number;
};

/** params → data → init → train → measurements, on whichever backend the claim's context holds. */
export function measureTraining(setting: Zhang2025Setting, rng: Rng, backend: ComputeBackend, deadline?: number): TrainingMeasurements {
  const built = buildProblem(setting, rng);
  const { problem, model, train, test } = built;
  const m = setting.filtersPerClass;
  const result = trainPatchCnn(backend, problem, {
    iterations: setting.maxSteps,
    learningRate: setting.learningRate,
    lossThreshold: setting.lossTarget > 0 ? setting.lossTarget : undefined,
    deadline,
  });
  const status = combinedStatus(result.status);
  const finite = status !== 'diverged';
  const alignment = finite ? filterAlignment(result.weights, m, model.basis) : null;
  const finalLoss = result.losses.length ? result.losses[result.losses.length - 1] : Number.NaN;
  return {
    status,
    divergedAt: result.divergedAt,
    trainingStatus: result.status,
    steps: result.steps,
    noise: setting.noise,
    filterStableRank: finite ? filterStableRank(result.weights, m, setting.dim) : Number.NaN,
    initialFilterStableRank: filterStableRank(problem.initialWeights, m, setting.dim),
    dataStableRank: dataStableRank(train.data),
    patchStableRank: patchStableRank(train.data),
    weightedMaxCosine: alignment?.weightedMaxCosine ?? Number.NaN,
    signalFraction: alignment?.signalFraction ?? Number.NaN,
    nonSignalNorm: alignment ? Math.sqrt(Math.max(0, 1 - alignment.signalFraction)) : Number.NaN,
    coverage: alignment ? [...alignment.coverage] : [0, 0],
    cosines: alignment?.cosines ?? [],
    winnerAgreement: finite ? initialWinnerAgreement(problem.initialWeights, result.weights, m, model.basis) : Number.NaN,
    lossCurve: downsampleLossCurve(result.losses),
    finalLoss,
    largestLossIncrease: largestLossIncrease(result.losses),
    testError: finite && test ? classificationError(problem.model, result.weights, test.data) : Number.NaN,
    msPerStep: result.msPerIteration,
  };
}
