import type { Matrix } from '../linalg/matrix.ts';
import { filterStableRank } from '../measures/stableRanks.ts';
import { filterAlignment } from '../measures/filterAlignment.ts';

/** What a zhang2025 checkpoint records (research notes §1.3). */
export interface Zhang2025Checkpoint {
  /** sr(W) of the 2m × d filters at this step. */
  readonly filterStableRank: number;
  /** sr(X) of the training data: constant over a run, carried so a checkpoint reads on its own. */
  readonly dataStableRank: number | null;
  /** cos(w_j, u_b), 2m × 2K, when the signal basis is known (synthetic model, or given). */
  readonly cosines: number[][] | null;
}

export interface Zhang2025RecorderOptions {
  readonly filtersPerClass: number;
  readonly dim: number;
  readonly dataStableRank: number | null;
  readonly basis?: Matrix;
}

/** The `onCheckpoint` callback of trainPatchCnn for the zhang2025 measurements. */
export function zhang2025Recorder(options: Zhang2025RecorderOptions): (weights: Float64Array, step: number) => Zhang2025Checkpoint {
  const { filtersPerClass, dim, dataStableRank, basis } = options;
  if (basis && basis.cols !== dim) throw new RangeError(`zhang2025Recorder: basis has ${basis.cols} columns, filters have d = ${dim}`);
  return (weights) => ({
    filterStableRank: filterStableRank(weights, filtersPerClass, dim),
    dataStableRank,
    cosines: basis ? filterAlignment(weights, filtersPerClass, basis).cosines : null,
  });
}
