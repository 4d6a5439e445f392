import { type CnnData, type NonOverlappingCnn, permutationInvariantError } from '../models/nonOverlappingCnn.ts';
import { cnnLossAndGradient } from '../models/nonOverlappingCnnGradient.ts';
import { requireInteger, requireNumber } from '../parameters/validation.ts';
import type { RunStatus } from './trainingStatus.ts';

export interface CnnGdOptions {
  readonly stepSize: number;
  readonly maxSteps: number;
  /** Steps per block: the relative error is recorded at every block boundary. */
  readonly blockSize?: number;
  /** Ground truth, for the permutation-invariant error along the way. */
  readonly truth: Float64Array;
  /** Stop once the relative error is below this (the float64 floor makes later ratios meaningless). */
  readonly stopError?: number;
  readonly deadline?: number;
}

export interface CnnGdResult {
  readonly kernels: Float64Array;
  readonly status: RunStatus;
  readonly steps: number;
  readonly divergedAt: number | null;
  /** Relative error at steps 0, blockSize, 2·blockSize, … (and at the last step). */
  readonly errors: number[];
  readonly losses: number[];
}

/**
 * Full-batch gradient descent on f_S(W) = (1/2n)Σ(f_W(x) − y)² for the non-overlapping CNN
 * (research notes P3-C3/T2: one fixed batch, constant step). A NaN/Inf loss ends the run with
 * status `diverged` rather than an exception.
 */
export function trainNonOverlappingCnn(model: NonOverlappingCnn, data: CnnData, initial: Float64Array, options: CnnGdOptions): CnnGdResult {
  requireNumber('stepSize', options.stepSize, { min: 0, exclusiveMin: true });
  requireInteger('maxSteps', options.maxSteps, 0);
  const blockSize = requireInteger('blockSize', options.blockSize ?? 100, 1);
  const stopError = options.stopError ?? 0;
  const kernels = Float64Array.from(initial);
  const errorOf = () => permutationInvariantError(kernels, options.truth, model.t, model.k).error;
  const errors = [errorOf()];
  const losses: number[] = [];
  let step = 0;
  const lossAndGradient = cnnLossAndGradient(model, data);
  const gradient = new Float64Array(kernels.length);
  const finite = () => {
    for (let i = 0; i < gradient.length; i++) if (!Number.isFinite(gradient[i])) return false;
    return true;
  };
  while (step < options.maxSteps) {
    const loss = lossAndGradient(kernels, gradient);
    if (!Number.isFinite(loss) || !finite()) {
      return { kernels, status: 'diverged', steps: step, divergedAt: step, errors, losses };
    }
    if (step % blockSize === 0) losses.push(loss);
    for (let i = 0; i < kernels.length; i++) kernels[i] -= options.stepSize * gradient[i];
    step++;
    if (step % blockSize === 0 || step === options.maxSteps) {
      const error = errorOf();
      if (!Number.isFinite(error)) return { kernels, status: 'diverged', steps: step, divergedAt: step, errors, losses };
      errors.push(error);
      if (error <= stopError) break;
      if (options.deadline !== undefined && Date.now() > options.deadline)
        return { kernels, status: 'timeout', steps: step, divergedAt: null, errors, losses };
    }
  }
  return { kernels, status: 'ok', steps: step, divergedAt: null, errors, losses };
}

/** Per-block contraction factors e_{b+1}/e_b over full blocks (a linear rate shows as ratios bounded below 1). */
export function blockRatios(errors: readonly number[], floor = 1e-13): number[] {
  const ratios: number[] = [];
  for (let b = 1; b < errors.length; b++) if (errors[b - 1] > floor && errors[b] > floor) ratios.push(errors[b] / errors[b - 1]);
  return ratios;
}
