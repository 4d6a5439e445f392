import type { Rng } from '../../random/rng.ts';
import { hypotNorm } from '../../linalg/matrix.ts';
import { type ActivationName, scalarActivation } from '../../math/scalarActivation.ts';
import { type CnnData, type NonOverlappingCnn, jacobianGram, nonOverlappingCnn } from '../../models/nonOverlappingCnn.ts';
import { groundTruthKernels, sampleData } from '../../data/zhong2017/teacherData.ts';
import { symmetricEigen } from '../../linalg/eigen.ts';
import { tensorInitialization } from '../../tensor/tensorInitialization.ts';
import { trainNonOverlappingCnn } from '../../training/nonOverlappingCnnGd.ts';
import type { RunStatus } from '../../training/trainingStatus.ts';

/** The common P3 setup (research notes §5 P3): W* with condition number κ, noiseless data. */
export interface Instance {
  readonly model: NonOverlappingCnn;
  readonly truth: Float64Array;
  readonly data: CnnData;
}

export function buildInstance(
  rng: Rng,
  p: { activation: ActivationName; k: number; r: number; t: number; kappa: number; n: number; leak?: number; duplicate?: boolean },
): Instance {
  const model = nonOverlappingCnn(p.k, p.r, p.t, scalarActivation(p.activation, { leak: p.leak }));
  const truth = groundTruthKernels(rng.fork('truth'), p.k, p.t, p.kappa, { duplicateFirst: p.duplicate });
  const data = sampleData(rng.fork('data'), model, truth, p.n);
  return { model, truth, data };
}

/** Smallest and largest eigenvalue of a symmetric matrix's spectrum (descending list). */
function extremes(values: number[]): { min: number; max: number } {
  return { min: values[values.length - 1], max: values[0] };
}

/** W* + Δ with ‖Δ‖_F = δ‖W*‖_F in a random direction (the start of the local-convergence check). */
export function perturbedStart(rng: Rng, truth: Float64Array, delta: number): Float64Array {
  const direction = Float64Array.from(truth, () => rng.gaussian());
  const scale = (delta * hypotNorm(truth)) / hypotNorm(direction);
  return truth.map((w, i) => w + scale * direction[i]);
}

/** Curvature at W*: λ_min and λ_max of JᵀJ/n, which fix the step size 1/λ_max and the block length. */
export function curvatureAtTruth(instance: Instance): { min: number; max: number } {
  return extremes(symmetricEigen(jacobianGram(instance.model, instance.truth, instance.data)).map((e) => e.value));
}

/** Blocks of ⌈2·λ_max/λ_min⌉ steps: GD with η = 1/λ_max contracts by (1 − λ_min/λ_max)^{block} ≈ e^{−2} per block. */
export function blockLength(curvature: { min: number; max: number }, cap = 400): number {
  return Math.min(cap, Math.max(1, Math.ceil((2 * curvature.max) / Math.max(curvature.min, 1e-300))));
}

/** P3-C6's target: relative error (up to a kernel permutation) after GD. */
export const RECOVERY_ERROR = 1e-6;
export const MAX_STEPS = 3000;

type RecoveryOutcome = {
  readonly status: RunStatus;
  readonly divergedAt: number | null;
  readonly initialError: number;
  readonly finalError: number;
  readonly steps: number;
};

/**
 * Tensor (or random) initialization followed by GD with η = 1/λ_max(JᵀJ/n at W⁰) — the step a
 * practitioner can compute without knowing W*. Stops once the error is 10× below the target.
 */
export function recover(instance: Instance, init: 'tensor' | 'random', rng: Rng, deadline?: number, maxSteps = MAX_STEPS): RecoveryOutcome {
  const { model, data, truth } = instance;
  let start: Float64Array;
  if (init === 'tensor') start = tensorInitialization(model, data, rng.fork('tensor')).kernels;
  else {
    const draw = rng.fork('random-init');
    start = Float64Array.from(truth, () => draw.gaussian() / Math.sqrt(model.k));
  }
  const curvature = symmetricEigen(jacobianGram(model, start, data))[0].value;
  const run = trainNonOverlappingCnn(model, data, start, {
    stepSize: 1 / Math.max(curvature, 1e-12),
    maxSteps,
    blockSize: 100,
    truth,
    stopError: RECOVERY_ERROR / 10,
    deadline,
  });
  return {
    status: run.status,
    divergedAt: run.divergedAt,
    initialError: run.errors[0],
    finalError: run.errors[run.errors.length - 1],
    steps: run.steps,
  };
}
