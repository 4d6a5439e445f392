import { stableRank } from '../linalg/stableRank.ts';
import { imageMatrix, patchMatrix, type PatchDataset } from '../data/patchDataset.ts';

/** sr(W) of the stacked filters (2m × d). */
export function filterStableRank(weights: Float64Array, filtersPerClass: number, dim: number): number {
  return stableRank({ rows: 2 * filtersPerClass, cols: dim, data: weights });
}

/** sr(X) of the flattened images (n × P·d), the notes' primary data stable rank. */
export function dataStableRank(data: PatchDataset): number {
  return stableRank(imageMatrix(data));
}

/** sr of the patch matrix (n·P × d), the alternative the notes ask to report beside it. */
export function patchStableRank(data: PatchDataset): number {
  return stableRank(patchMatrix(data));
}
