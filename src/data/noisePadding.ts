import { type Matrix, projectOffRows } from '../linalg/matrix.ts';
import type { Rng } from '../random/rng.ts';
import type { PatchDataset } from './patchDataset.ts';
import { InputError, invalidParameter, requireInteger, requireNumber } from '../parameters/validation.ts';

/**
 * "Noise padding" (research notes §1.5): each clean image becomes patch 1 of P patches of its
 * own size; patches 2..P hold i.i.d. N(0, σp²) pixels. Filter size = patch size = image size and
 * stride = filter size, so the CNN sees exactly the paper's one-signal-patch model on real images.
 */
export interface NoisePaddingOptions {
  /** Patches per image P ≥ 1 (P = 1: no padding). */
  readonly patches: number;
  /** σp, the noise standard deviation per pixel. */
  readonly noise: number;
  /**
   * 'isotropic': i.i.d. pixels. 'orthogonal': the noise projected off the clean span (rows of
   * `cleanBasis`, orthonormal), as in the synthetic model's N(0, σp²(I − UUᵀ)).
   */
  readonly noiseCovariance?: 'isotropic' | 'orthogonal';
  readonly cleanBasis?: Matrix;
}

export function padWithNoise(clean: Matrix, labels: Float64Array, options: NoisePaddingOptions, rng: Rng): PatchDataset {
  const P = requireInteger('patches', options.patches, 1);
  const sigma = requireNumber('noise', options.noise, { min: 0 });
  const covariance = options.noiseCovariance ?? 'isotropic';
  if (covariance !== 'isotropic' && covariance !== 'orthogonal')
    invalidParameter('noiseCovariance', covariance, "'isotropic' or 'orthogonal'");
  const { rows: n, cols: d } = clean;
  if (labels.length !== n) throw new InputError(`noise padding: ${labels.length} labels for ${n} images`);
  const basis = options.cleanBasis;
  if (covariance === 'orthogonal') {
    if (!basis) invalidParameter('cleanBasis', undefined, "given when noiseCovariance is 'orthogonal'");
    if (basis.cols !== d) invalidParameter('cleanBasis.cols', basis.cols, `the image size ${d}`);
  }
  const x = new Float64Array(n * P * d);
  const noise = rng.fork('noise-padding');
  const xi = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    x.set(clean.data.subarray(i * d, (i + 1) * d), i * P * d);
    for (let p = 1; p < P; p++) {
      for (let k = 0; k < d; k++) xi[k] = sigma * noise.gaussian();
      if (covariance === 'orthogonal' && basis) projectOffRows(xi, basis);
      x.set(xi, (i * P + p) * d);
    }
  }
  return { samples: n, patches: P, dim: d, x, y: Float64Array.from(labels) };
}
