import { type Matrix, gramOfRows, matrix } from '../linalg/matrix.ts';
import { symmetricEigen } from '../linalg/eigen.ts';
import { hermiteMomentTensor } from './hermiteTensor.ts';
import { invalidParameter } from '../parameters/validation.ts';

/**
 * The k×k matrix whose top eigenvectors span the kernels (research notes §3.5 steps 2–3).
 * j₂ = 2: P̂₂ = M̂₂ = mean y(x xᵀ − I) = Σ m₂(s_i) w̄_i w̄_iᵀ. j₂ = 3 (sigmoid, tanh): the notes'
 * M̂₃(I, I, α) loses every kernel with αᵀw̄_i ≈ 0 (their own failure regime), so we use the
 * unfolding instead: Σ_a M̂₃(:, :, a)² = Σ_{i,j} m₃(s_i)m₃(s_j)(w̄_iᵀw̄_j) w̄_i w̄_jᵀ, whose column
 * space is span(w̄_i) for any configuration.
 */
export function subspaceMatrix(patches: Float64Array, count: number, k: number, labelOf: (p: number) => number, order: number): Matrix {
  if (order !== 2 && order !== 3) invalidParameter('order', order, '2 or 3 for the subspace moment');
  const m = hermiteMomentTensor(patches, count, k, order, labelOf).data;
  if (order === 2) return matrix(k, k, m);
  // Σ_a M̂₃(:, :, a)²: row a of the k × k² unfolding dotted with row b, over (c, e) in order.
  return gramOfRows({ rows: k, cols: k * k, data: m });
}

/** The t eigenvectors of a symmetric matrix with the largest |eigenvalue|, as rows of a t×k array (orthonormal). */
export function topSubspace(p2: Matrix, t: number): Float64Array {
  const k = p2.rows;
  const pairs = symmetricEigen(p2).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const basis = new Float64Array(t * k);
  for (let i = 0; i < t; i++) basis.set(pairs[i].vector, i * k);
  return basis;
}
