import type { Rng } from '../../random/rng.ts';
import { createSignalNoiseModel } from '../../data/zhang2025/signalNoiseModel.ts';
import { dataStableRank, patchStableRank } from '../../measures/stableRanks.ts';

export interface DataNoiseSweep {
  /** σp·√d at each point. */
  readonly noise: number[];
  /** sr of the flattened images (n × P·d). */
  readonly dataStableRank: number[];
  /** sr of the patch matrix (n·P × d), at the first and last noise level only (it is the costly one). */
  readonly patchStableRank: [number, number];
}

/**
 * The same balanced training set at every noise level: the data model draws the background
 * noise even at σp = 0, so along the sweep only the noise scale changes.
 */
export function dataNoiseSweep(
  params: { K: number; samples: number; dim: number; patches: number },
  noiseLevels: readonly number[],
  rng: Rng,
): DataNoiseSweep {
  const sets = noiseLevels.map((noise) => {
    const model = createSignalNoiseModel(
      { K: params.K, dim: params.dim, patches: params.patches, noise: noise / Math.sqrt(params.dim) },
      rng.fork('signal-model'),
    );
    return model.sampleBalanced(params.samples, rng.fork('training-set')).data;
  });
  return {
    noise: [...noiseLevels],
    dataStableRank: sets.map(dataStableRank),
    patchStableRank: [patchStableRank(sets[0]), patchStableRank(sets[sets.length - 1])],
  };
}

/** nD/(√n + √D)²: the stable rank of an n × D Gaussian block, the ceiling noise can push sr(X) towards. */
export function noiseBlockCapacity(samples: number, noiseColumns: number): number {
  return (samples * noiseColumns) / (Math.sqrt(samples) + Math.sqrt(noiseColumns)) ** 2;
}
