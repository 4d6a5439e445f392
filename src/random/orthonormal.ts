import type { Rng } from './rng.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import { invalidParameter } from '../parameters/validation.ts';

/**
 * `count` orthonormal vectors in R^dim (rows of the result), from Gaussian vectors by modified
 * Gram-Schmidt applied twice, so orthogonality holds to rounding even for count close to dim.
 */
export function randomOrthonormalRows(rng: Rng, count: number, dim: number): Matrix {
  if (count > dim) invalidParameter('count', count, `≤ dim (${dim}) for orthonormal vectors`);
  const out = matrix(count, dim);
  const v = out.data;
  for (let i = 0; i < count; i++) {
    const base = i * dim;
    for (let k = 0; k < dim; k++) v[base + k] = rng.gaussian();
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let projection = 0;
        for (let k = 0; k < dim; k++) projection += v[base + k] * v[j * dim + k];
        for (let k = 0; k < dim; k++) v[base + k] -= projection * v[j * dim + k];
      }
      let length = 0;
      for (let k = 0; k < dim; k++) length += v[base + k] * v[base + k];
      length = Math.sqrt(length);
      for (let k = 0; k < dim; k++) v[base + k] /= length;
    }
  }
  return out;
}
