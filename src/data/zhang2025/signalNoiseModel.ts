import { type Rng } from '../../random/rng.ts';
import { randomOrthonormalRows } from '../../random/orthonormal.ts';
import { type Matrix, projectOffRows } from '../../linalg/matrix.ts';
import type { PatchDataset } from '../patchDataset.ts';
import { invalidParameter, requireInteger, requireNumber } from '../../parameters/validation.ts';

/**
 * The zhang2025 data model (research notes §1.2, a reconstruction): 2K orthonormal signal
 * directions u(c,k), one signal patch ‖μ‖·u(y,k) per image and P−1 background-noise patches
 * ξ ~ N(0, σp²(I − UUᵀ)).
 */
export interface SignalNoiseModelParameters {
  /** Signal directions per class (clean rank 2K). */
  readonly K: number;
  /** Patch dimension d (= filter size). */
  readonly dim: number;
  /** Patches per image P (one signal patch, P−1 background-noise patches). */
  readonly patches: number;
  /** Background noise standard deviation σp per coordinate. */
  readonly noise: number;
  /** ‖μ‖, the norm of every signal patch. */
  readonly signalNorm?: number;
  /** Noise orthogonal to the signal span (the reconstruction's default) or isotropic. */
  readonly noiseCovariance?: 'projected' | 'isotropic';
  /** Where the signal patch sits. */
  readonly signalPosition?: 'first' | 'random';
}

/** One draw of the signal/noise model: the patch dataset and the clean directions behind it. */
export interface SignalNoiseSample {
  readonly data: PatchDataset;
  /** The (c, k) signal index of each sample: 0..K−1 for class +1, K..2K−1 for class −1. */
  readonly signalIndex: Int32Array;
}

/** Zhang et al. 2025's signal/noise patch data model, drawn from one seeded stream. */
export interface SignalNoiseModel {
  readonly parameters: Required<SignalNoiseModelParameters>;
  /** Rows u(+1,1..K), then u(−1,1..K). */
  readonly basis: Matrix;
  /** n samples with (y, k) balanced: n must be a multiple of 2K. */
  sampleBalanced(samples: number, rng: Rng): SignalNoiseSample;
  /** n samples with y and k drawn i.i.d. uniform (fresh test sets). */
  sampleIid(samples: number, rng: Rng): SignalNoiseSample;
}

export function validateSignalNoiseParameters(p: SignalNoiseModelParameters): Required<SignalNoiseModelParameters> {
  requireInteger('K', p.K, 1);
  requireInteger('dim', p.dim, 1);
  requireInteger('patches', p.patches, 1);
  requireNumber('noise', p.noise, { min: 0 });
  const signalNorm = requireNumber('signalNorm', p.signalNorm ?? 1, { min: 0, exclusiveMin: true });
  if (2 * p.K > p.dim)
    invalidParameter('K', p.K, `at most dim/2 = ${Math.floor(p.dim / 2)}: the 2K signal directions must be orthonormal in R^dim`);
  const noiseCovariance = p.noiseCovariance ?? 'projected';
  if (noiseCovariance !== 'projected' && noiseCovariance !== 'isotropic')
    invalidParameter('noiseCovariance', noiseCovariance, "'projected' or 'isotropic'");
  const signalPosition = p.signalPosition ?? 'first';
  if (signalPosition !== 'first' && signalPosition !== 'random') invalidParameter('signalPosition', signalPosition, "'first' or 'random'");
  return { ...p, signalNorm, noiseCovariance, signalPosition };
}

/** Builds the model: the signal basis is drawn once from `rng`; samples come from other streams. */
export function createSignalNoiseModel(parameters: SignalNoiseModelParameters, rng: Rng): SignalNoiseModel {
  const p = validateSignalNoiseParameters(parameters);
  const { K, dim, patches, noise, signalNorm } = p;
  const basis = randomOrthonormalRows(rng.fork('signal-basis'), 2 * K, dim);

  const build = (labels: Int32Array, stream: Rng): SignalNoiseSample => {
    const samples = labels.length;
    const x = new Float64Array(samples * patches * dim);
    const y = new Float64Array(samples);
    const noiseStream = stream.fork('background-noise');
    const positionStream = stream.fork('signal-position');
    const xi = new Float64Array(dim);
    for (let i = 0; i < samples; i++) {
      const index = labels[i];
      y[i] = index < K ? 1 : -1;
      const signalPatch = p.signalPosition === 'random' ? positionStream.integer(patches) : 0;
      for (let patch = 0; patch < patches; patch++) {
        const base = (i * patches + patch) * dim;
        if (patch === signalPatch) {
          for (let k = 0; k < dim; k++) x[base + k] = signalNorm * basis.data[index * dim + k];
          continue;
        }
        // Draw even when σp = 0 so that the noise stream, and hence every other sample, is the
        // same at every noise level: only the scale changes along a noise sweep.
        for (let k = 0; k < dim; k++) xi[k] = noiseStream.gaussian();
        if (p.noiseCovariance === 'projected') projectOffRows(xi, basis);
        for (let k = 0; k < dim; k++) x[base + k] = noise * xi[k];
      }
    }
    return { data: { samples, patches, dim, x, y }, signalIndex: labels };
  };

  return {
    parameters: p,
    basis,
    sampleBalanced(samples, stream) {
      requireInteger('n', samples, 2 * K);
      if (samples % (2 * K) !== 0) invalidParameter('n', samples, `a multiple of 2K = ${2 * K} for balanced sampling`);
      const labels = new Int32Array(samples);
      for (let i = 0; i < samples; i++) labels[i] = i % (2 * K);
      return build(labels, stream);
    },
    sampleIid(samples, stream) {
      requireInteger('n', samples, 1);
      const labels = new Int32Array(samples);
      const labelStream = stream.fork('labels');
      for (let i = 0; i < samples; i++) labels[i] = labelStream.integer(2 * K);
      return build(labels, stream);
    },
  };
}
