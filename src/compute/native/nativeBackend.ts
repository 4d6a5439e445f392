import {
  type ComputeBackend,
  type LossAndGradient,
  type PatchCnnProblem,
  type PatchCnnTrainer,
  type Tolerance,
  checkPatchCnnProblem,
} from '../backend.ts';
import { nonFiniteValueError } from '../../data/patchDataset.ts';
import { validateActivation, type ActivationSpec } from '../../models/activation.ts';
import { computeThreads } from '../threads.ts';
import { loadNativeAddon, type NativeAddon } from './nativeAddon.ts';

const activationCode = { huber: 0, relu: 1, 'relu-pow': 2 } as const;

function activationArgs(spec: ActivationSpec): [number, number, number] {
  validateActivation(spec);
  switch (spec.kind) {
    case 'huber':
      return [activationCode.huber, spec.q, spec.kappa];
    case 'relu':
      return [activationCode.relu, 1, 1];
    case 'relu-pow':
      return [activationCode['relu-pow'], spec.q, 1];
  }
}

/**
 * Float32: products and sums over d and over nP patches in single precision, activations and
 * the loss in double. Float64: the reference's arithmetic in another summation order.
 */
export const nativeTolerance: Record<32 | 64, Tolerance> = {
  32: { relative: 2e-3, absolute: 1e-6 },
  64: { relative: 1e-10, absolute: 1e-13 },
};

class NativeTrainer implements PatchCnnTrainer {
  private readonly handle: unknown;
  private readonly size: number;
  private readonly samples: number;

  constructor(
    private readonly addon: NativeAddon,
    problem: PatchCnnProblem,
    precision: 32 | 64,
    threads: number,
  ) {
    const { data, model } = problem;
    // The addon checks that x is finite in its loading pass, which reads every value anyway.
    checkPatchCnnProblem(problem, { finite: false });
    this.size = 2 * model.filtersPerClass * data.dim;
    const [act, q, kappa] = activationArgs(model.activation);
    const handle = addon.create(
      data.x,
      data.y,
      data.samples,
      data.patches,
      data.dim,
      model.filtersPerClass,
      problem.initialWeights,
      act,
      q,
      kappa,
      precision,
      threads,
    );
    if (typeof handle === 'number') throw nonFiniteValueError(handle);
    this.handle = handle;
    this.samples = data.samples;
  }

  lossAndGradient(): LossAndGradient {
    const gradient = new Float64Array(this.size);
    const loss = this.addon.lossAndGradient(this.handle, gradient);
    return { loss, gradient };
  }

  step(learningRate: number): number {
    return this.addon.step(this.handle, learningRate);
  }

  weights(): Float64Array {
    const out = new Float64Array(this.size);
    this.addon.weights(this.handle, out);
    return out;
  }

  outputs(): Float64Array {
    const out = new Float64Array(this.samples);
    this.addon.outputs(this.handle, out);
    return out;
  }

  /** Unique non-zero patches after deduplication, zero patches skipped, threads used per pass. */
  stats() {
    return this.addon.stats(this.handle);
  }

  dispose(): void {
    this.addon.dispose(this.handle);
  }
}

/** The native backend at one precision, or undefined with the reason when the addon is unavailable. */
export function createNativeBackend(precision: 32 | 64): { backend?: ComputeBackend; reason?: string } {
  const load = loadNativeAddon();
  if (!load.addon) return { reason: load.reason };
  const addon = load.addon;
  const info = addon.info();
  const threads = computeThreads();
  const backend: ComputeBackend = {
    name: precision === 32 ? 'native' : 'native-float64',
    precision: precision === 32 ? 'float32' : 'float64',
    tolerance: nativeTolerance[precision],
    device: `native C float${precision}, ${info.simd}, ${info.openmp ? `OpenMP ${threads} thread${threads === 1 ? '' : 's'}` : 'single thread (no OpenMP)'}`,
    createTrainer: (problem) => new NativeTrainer(addon, problem, precision, threads),
  };
  return { backend };
}
