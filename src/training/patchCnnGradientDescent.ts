import type { ComputeBackend, PatchCnnProblem, PatchCnnTrainer } from '../compute/backend.ts';
import { requireInteger, requireNumber } from '../parameters/validation.ts';
import type { TrainingStatus } from './trainingStatus.ts';

export type { TrainingStatus } from './trainingStatus.ts';

/** Step size, step count, stopping rule and deadline of a gradient-descent run. */
export interface TrainingOptions {
  readonly iterations: number;
  readonly learningRate: number;
  /** Early stop: the run ends after the first step that starts at a loss at or below this. */
  readonly lossThreshold?: number;
  /** Call `onCheckpoint` every this many steps (and at the start and the end). */
  readonly checkpointEvery?: number;
  /** Absolute time (Date.now()) after which training stops with status `timeout`. */
  readonly deadline?: number;
}

export interface Checkpoint<C> {
  readonly step: number;
  readonly loss: number;
  readonly value: C;
}

/** What a training run returns: weights, loss curve, checkpoints and its status. */
export interface TrainingResult<C = never> {
  readonly status: TrainingStatus;
  /**
   * losses[t] = L(W_t): the loss before every step taken, then the loss of the returned weights
   * (steps + 1 entries); when diverged, the last entry is the first non-finite loss.
   */
  readonly losses: number[];
  readonly weights: Float64Array;
  readonly initialWeights: Float64Array;
  /** Steps actually taken. */
  readonly steps: number;
  /** The step whose loss or weights first became NaN/Inf, when status is `diverged`. */
  readonly divergedAt: number | null;
  readonly checkpoints: Checkpoint<C>[];
  /**
   * Mean wall time of the step calls alone: the bench's resident ms/step (`npm run bench`). Loading
   * the problem, checkpoint measurements and bookkeeping are outside it; they used to be inside,
   * which made 0.13 ms of a 0.04 ms step at shape S (the step-0 checkpoint's stable ranks).
   */
  readonly msPerIteration: number;
  readonly backend: string;
  readonly device: string;
}

function finite(weights: Float64Array): boolean {
  for (let i = 0; i < weights.length; i++) if (!Number.isFinite(weights[i])) return false;
  return true;
}

/**
 * Full-batch gradient descent on whichever backend is given; the loop never knows which one
 * runs. Divergence (a NaN or Inf loss or weight) is an outcome, not an exception.
 */
export function trainPatchCnn<C = never>(
  backend: ComputeBackend,
  problem: PatchCnnProblem,
  options: TrainingOptions,
  onCheckpoint?: (weights: Float64Array, step: number) => C,
): TrainingResult<C> {
  requireInteger('iterations', options.iterations, 0);
  requireNumber('learningRate', options.learningRate, { min: 0, exclusiveMin: true });
  if (options.lossThreshold !== undefined) requireNumber('lossThreshold', options.lossThreshold, { min: 0 });
  if (options.checkpointEvery !== undefined) requireInteger('checkpointEvery', options.checkpointEvery, 1);

  const trainer: PatchCnnTrainer = backend.createTrainer(problem);
  const losses: number[] = [];
  const checkpoints: Checkpoint<C>[] = [];
  const every = options.checkpointEvery ?? 0;
  let status: TrainingStatus = 'completed';
  let divergedAt: number | null = null;
  let steps = 0;
  let stepMs = 0;
  try {
    while (steps < options.iterations) {
      if (options.deadline !== undefined && Date.now() > options.deadline) {
        status = 'timeout';
        break;
      }
      if (onCheckpoint && every && steps % every === 0) {
        const current = trainer.weights();
        // The last step's loss was finite but its update may not be: never measure NaN weights.
        if (!finite(current)) {
          losses.push(Number.NaN);
          status = 'diverged';
          divergedAt = steps;
          break;
        }
        checkpoints.push({ step: steps, loss: Number.NaN, value: onCheckpoint(current, steps) });
      }
      const stepStart = performance.now();
      const loss = trainer.step(options.learningRate);
      stepMs += performance.now() - stepStart;
      steps++;
      losses.push(loss);
      if (checkpoints.length && checkpoints[checkpoints.length - 1].step === steps - 1) {
        (checkpoints[checkpoints.length - 1] as { loss: number }).loss = loss;
      }
      if (!Number.isFinite(loss)) {
        status = 'diverged';
        divergedAt = steps - 1;
        break;
      }
      if (options.lossThreshold !== undefined && loss <= options.lossThreshold) {
        status = 'converged';
        break;
      }
    }
    const weights = trainer.weights();
    if (status !== 'diverged') {
      // The loss at the weights returned, so that losses[t] = L(W_t) for every t ≤ steps.
      const finalLoss = finite(weights) ? trainer.lossAndGradient().loss : Number.NaN;
      losses.push(finalLoss);
      if (!Number.isFinite(finalLoss)) {
        status = 'diverged';
        divergedAt = steps;
      } else if (status === 'completed' && options.lossThreshold !== undefined && finalLoss <= options.lossThreshold) status = 'converged';
    }
    if (onCheckpoint && status !== 'diverged') {
      checkpoints.push({ step: steps, loss: losses[losses.length - 1] ?? Number.NaN, value: onCheckpoint(weights, steps) });
    }
    return {
      status,
      losses,
      weights,
      initialWeights: Float64Array.from(problem.initialWeights),
      steps,
      divergedAt,
      checkpoints,
      msPerIteration: steps ? stepMs / steps : 0,
      backend: backend.name,
      device: backend.device,
    };
  } finally {
    trainer.dispose();
  }
}
