import type { Rng } from '../random/rng.ts';
import { multiply } from '../linalg/matrix.ts';
import type { CnnData, NonOverlappingCnn } from '../models/nonOverlappingCnn.ts';
import { chooseMomentOrders } from './momentOrders.ts';
import { subspaceMatrix, topSubspace } from './subspace.ts';
import { projectPatches } from './projection.ts';
import { hermiteMomentTensor } from './hermiteTensor.ts';
import { jennrichDecomposition } from './jennrich.ts';
import { recoverSignsAndNorms } from './signAndMagnitude.ts';
import { invalidParameter } from '../parameters/validation.ts';

export interface TensorInitialization {
  readonly kernels: Float64Array;
  readonly subspaceOrder: number;
  readonly decompositionOrder: number;
}

/**
 * Tensor initialization for the non-overlapping CNN (research notes §3.5). Every patch is a
 * N(0, I_k) sample carrying the whole label, so all moments are averaged over the n·r patches.
 * One sample set serves every moment: ZSJBD17 splits it only to make the proof's events
 * independent. The notes' α-contractions are replaced by α-free forms (the M₃ unfolding for the
 * subspace, the full t-dimensional tensor for the decomposition) because a random α nearly
 * orthogonal to a kernel silently drops it; Jennrich's a, b come from `rng`. `orders`
 * overrides the automatic choice (the wrong-moment failure regime).
 */
export function tensorInitialization(
  model: NonOverlappingCnn,
  data: CnnData,
  rng: Rng,
  orders?: { subspace: number; decomposition: number },
): TensorInitialization {
  const { k, r, t } = model;
  if (t > k) invalidParameter('t', t, `≤ k (${k}): more kernels than the patch dimension are not identifiable from R^k moments`);
  const chosen = orders ?? chooseMomentOrders(model.activation);
  const count = data.n * r;
  const patches = data.x; // n × (r·k) row-major is (n·r) × k row-major
  // Centering y leaves every E[y·H_j] (j ≥ 1) unchanged, since E[H_j] = 0, and removes the
  // E[y]² part of the variance, which is large: y sums r·t terms of a nonnegative φ.
  let meanY = 0;
  for (let i = 0; i < data.n; i++) meanY += data.y[i];
  meanY /= data.n;
  const labelOf = (p: number) => data.y[Math.floor(p / r)] - meanY;
  const p2 = subspaceMatrix(patches, count, k, labelOf, chosen.subspace);
  const basis = topSubspace(p2, t);
  const projected = projectPatches(patches, count, k, basis, t);
  const tensor = hermiteMomentTensor(projected, count, t, chosen.decomposition, labelOf).data;
  const components = jennrichDecomposition(tensor, t, chosen.decomposition, rng.fork('jennrich'));
  // Directions C V (t × k): the components expressed back in R^k, then normalized.
  const directions = multiply({ rows: t, cols: t, data: components }, { rows: t, cols: k, data: basis }).data;
  for (let i = 0; i < t; i++) {
    let norm = 0;
    for (let a = 0; a < k; a++) norm += directions[i * k + a] * directions[i * k + a];
    norm = Math.sqrt(norm) || 1;
    for (let a = 0; a < k; a++) directions[i * k + a] /= norm;
  }
  const m1 = new Float64Array(k);
  for (let p = 0; p < count; p++) {
    const y = labelOf(p);
    for (let a = 0; a < k; a++) m1[a] += y * patches[p * k + a];
  }
  for (let a = 0; a < k; a++) m1[a] /= count;
  const { kernels } = recoverSignsAndNorms(directions, t, k, m1, model.v, model.activation, chosen.subspace === 2 ? p2.data : undefined);
  return { kernels, subspaceOrder: chosen.subspace, decompositionOrder: chosen.decomposition };
}
