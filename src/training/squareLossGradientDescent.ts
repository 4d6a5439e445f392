import {
  type FullyConnectedNet,
  type Gradients,
  type RegressionData,
  cloneNet,
  createWorkspace,
  squareLossAndGradient,
  zeroGradients,
} from '../models/fullyConnected.ts';
import { requireInteger, requireNumber } from '../parameters/validation.ts';
import type { TrainingStatus } from './trainingStatus.ts';

/** Step size, step count and deadline of square-loss gradient descent on a fully connected net. */
export interface SquareLossTrainingOptions {
  /** Step size; small steps make GD a proxy for gradient flow. */
  readonly learningRate: number;
  readonly maxSteps: number;
  /** Early stop once the loss before a step is at or below this (status `converged`). */
  readonly lossThreshold?: number;
  /** Absolute time (Date.now()) after which training stops with status `timeout`. */
  readonly deadline?: number;
  /**
   * Optional weight decay on ½λΣ‖W_i‖F² (weights, not biases): λ for `holdSteps` steps, then
   * annealed linearly to 0 over `annealSteps`, then plain GD. The loss threshold is only checked
   * once λ is 0, so training ends at an interpolant reached from a near-minimal-norm point.
   */
  readonly weightDecay?: { readonly lambda: number; readonly holdSteps: number; readonly annealSteps: number };
  /** Called with the gradient at the current weights, before each update (balancedness drift). */
  readonly onStep?: (net: FullyConnectedNet, gradients: Gradients, step: number) => void;
}

/** The trained net, its loss curve and how the run ended. */
export interface SquareLossTrainingResult {
  readonly status: TrainingStatus;
  readonly net: FullyConnectedNet;
  readonly initialLoss: number;
  readonly finalLoss: number;
  readonly steps: number;
  /** The step whose loss or weights first became NaN/Inf, when status is `diverged`. */
  readonly divergedAt: number | null;
}

function finiteNet(net: FullyConnectedNet): boolean {
  for (const layer of net.layers) {
    for (const w of layer.weights) if (!Number.isFinite(w)) return false;
    if (layer.bias) for (const b of layer.bias) if (!Number.isFinite(b)) return false;
  }
  return true;
}

/**
 * Full-batch gradient descent on ½Σ(N(x_i) − y_i)², all layers trained, on a copy of `initial`.
 * Deterministic given the initial net: no randomness inside. Divergence and the deadline are
 * statuses, never exceptions.
 */
export function trainSquareLoss(
  initial: FullyConnectedNet,
  data: RegressionData,
  options: SquareLossTrainingOptions,
): SquareLossTrainingResult {
  requireNumber('learningRate', options.learningRate, { min: 0, exclusiveMin: true });
  requireInteger('maxSteps', options.maxSteps, 0);
  if (options.lossThreshold !== undefined) requireNumber('lossThreshold', options.lossThreshold, { min: 0 });
  const net = cloneNet(initial);
  const grads = zeroGradients(net);
  const work = createWorkspace(net);
  const eta = options.learningRate;
  const decay = options.weightDecay;
  if (decay) {
    requireNumber('weightDecay.lambda', decay.lambda, { min: 0 });
    requireInteger('weightDecay.holdSteps', decay.holdSteps, 0);
    requireInteger('weightDecay.annealSteps', decay.annealSteps, 0);
  }
  const lambdaAt = (step: number): number => {
    if (!decay || step >= decay.holdSteps + decay.annealSteps) return 0;
    if (step < decay.holdSteps) return decay.lambda;
    return decay.lambda * (1 - (step - decay.holdSteps) / decay.annealSteps);
  };
  let status: TrainingStatus = 'completed';
  let divergedAt: number | null = null;
  let initialLoss = Number.NaN;
  let loss: number;
  let steps = 0;
  for (;;) {
    loss = squareLossAndGradient(net, data, grads, work);
    if (steps === 0) initialLoss = loss;
    if (!Number.isFinite(loss)) {
      status = 'diverged';
      divergedAt = steps;
      break;
    }
    const lambda = lambdaAt(steps);
    if (options.lossThreshold !== undefined && loss <= options.lossThreshold && lambda === 0) {
      status = 'converged';
      break;
    }
    if (steps >= options.maxSteps) break;
    // Checking the clock every step would cost more than the step itself.
    if (options.deadline !== undefined && (steps & 255) === 0 && Date.now() > options.deadline) {
      status = 'timeout';
      break;
    }
    options.onStep?.(net, grads, steps);
    for (let l = 0; l < net.layers.length; l++) {
      const layer = net.layers[l];
      const gw = grads.weights[l];
      if (lambda > 0) for (let i = 0; i < gw.length; i++) layer.weights[i] -= eta * (gw[i] + lambda * layer.weights[i]);
      else for (let i = 0; i < gw.length; i++) layer.weights[i] -= eta * gw[i];
      const gb = grads.bias[l];
      if (layer.bias && gb) for (let i = 0; i < gb.length; i++) layer.bias[i] -= eta * gb[i];
    }
    steps++;
  }
  if (status !== 'diverged' && !finiteNet(net)) {
    status = 'diverged';
    divergedAt = steps;
  }
  return { status, net, initialLoss, finalLoss: status === 'diverged' ? Number.NaN : loss, steps, divergedAt };
}
