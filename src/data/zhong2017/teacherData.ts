import { type Rng, gaussianArray } from '../../random/rng.ts';
import { randomOrthonormalRows } from '../../random/orthonormal.ts';
import { requireInteger, requireNumber } from '../../parameters/validation.ts';
import { type CnnData, type NonOverlappingCnn, predict } from '../../models/nonOverlappingCnn.ts';

// zhong2017's data: Gaussian patches labelled by a planted teacher with condition number κ.

/**
 * W* = U·diag(s)·V′ᵀ (k×t) with U orthonormal columns, V′ orthogonal and s linearly spaced
 * from 1 to 1/κ, so κ(W*) = κ exactly; returned as t kernel rows (the columns of W*).
 */
export function groundTruthKernels(
  rng: Rng,
  k: number,
  t: number,
  kappa: number,
  options: { duplicateFirst?: boolean } = {},
): Float64Array {
  requireInteger('t', t, 1, k);
  requireNumber('kappa', kappa, { min: 1 });
  const u = randomOrthonormalRows(rng.fork('U'), t, k); // rows = columns of U
  const q = randomOrthonormalRows(rng.fork('V'), t, t);
  const s = Array.from({ length: t }, (_, i) => (t === 1 ? 1 : 1 - ((1 - 1 / kappa) * i) / (t - 1)));
  const kernels = new Float64Array(t * k);
  for (let j = 0; j < t; j++)
    for (let i = 0; i < t; i++) {
      const c = s[i] * q.data[j * t + i];
      for (let a = 0; a < k; a++) kernels[j * k + a] += c * u.data[i * k + a];
    }
  // Two identical kernels: W* loses rank (σ_t = 0), the regime where identifiability fails.
  if (options.duplicateFirst && t >= 2) kernels.copyWithin(k, 0, k);
  return kernels;
}

/** x ~ N(0, I): n inputs of r patches of k Gaussian entries each. */
export function sampleInputs(rng: Rng, model: NonOverlappingCnn, n: number): Float64Array {
  requireInteger('n', n, 1);
  return gaussianArray(rng, n * model.k * model.r);
}

/** Noiseless realizable data: y = f_{W*}(x). */
export function sampleData(rng: Rng, model: NonOverlappingCnn, truth: Float64Array, n: number): CnnData {
  const x = sampleInputs(rng, model, n);
  return { n, x, y: predict(model, truth, x, n) };
}
