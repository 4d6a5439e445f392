import { type PatchDataset, type PatchDatasetCheck, checkPatchDataset } from '../data/patchDataset.ts';
import type { PatchCnnSpec } from '../models/patchCnn.ts';

/** How far a backend's numbers may sit from the float64 reference; lives with the backend, not the tests. */
export interface Tolerance {
  /** Relative tolerance on losses and gradients, scaled by the magnitude of the reference. */
  readonly relative: number;
  /** Absolute floor for values near zero. */
  readonly absolute: number;
}

/** The compute backends by name. */
export type BackendName = 'float64' | 'native' | 'native-float64' | 'gpujs' | 'js-float32';

/** What a training problem is, independent of where it runs. */
export interface PatchCnnProblem {
  readonly model: PatchCnnSpec;
  readonly data: PatchDataset;
  /** Initial filters, 2m × d row-major. Backends copy it; the caller's array is never written. */
  readonly initialWeights: Float64Array;
}

export interface LossAndGradient {
  readonly loss: number;
  /** ∇W L_S, 2m × d row-major, float64 view of whatever precision the backend used. */
  readonly gradient: Float64Array;
}

/**
 * A problem loaded onto a backend: data and weights stay resident between steps, so a step
 * costs only the two products and the pointwise work.
 */
export interface PatchCnnTrainer {
  /** Loss and gradient at the current weights, without changing them. */
  lossAndGradient(): LossAndGradient;
  /** One full-batch gradient-descent step; returns the loss before the step. */
  step(learningRate: number): number;
  /** A float64 copy of the current weights. */
  weights(): Float64Array;
  /** Network outputs f(W, x_i) at the current weights. */
  outputs(): Float64Array;
  dispose(): void;
}

/** One compute path for the patch-CNN training step (float64 reference, native, gpu.js, JS float32). */
export interface ComputeBackend {
  readonly name: BackendName;
  readonly precision: 'float64' | 'float32';
  readonly tolerance: Tolerance;
  /** What actually ran (e.g. "gpu.js webasm", "native avx2, 2 threads"), recorded in every result. */
  readonly device: string;
  /** Why a requested backend fell back to this one, if it did. */
  readonly fallbackReason?: string;
  createTrainer(problem: PatchCnnProblem): PatchCnnTrainer;
}

/**
 * The checks every backend runs on a problem before loading it: a well-formed dataset and 2m·d
 * initial weights. Returns the checked dataset. A backend that scans x for non-finite values
 * itself passes `{ finite: false }` and throws nonFiniteValueError on the same index.
 */
export function checkPatchCnnProblem(problem: PatchCnnProblem, check: PatchDatasetCheck = {}): PatchDataset {
  const data = checkPatchDataset(problem.data, 'data', check);
  const expected = 2 * problem.model.filtersPerClass * data.dim;
  if (problem.initialWeights.length !== expected) {
    throw new RangeError(`initial weights have ${problem.initialWeights.length} values, expected 2m·d = ${expected}`);
  }
  return data;
}
