import type { Rng } from '../../random/rng.ts';
import type { PatchCnnProblem } from '../../compute/backend.ts';
import { createSignalNoiseModel, type SignalNoiseModel, type SignalNoiseSample } from '../../data/zhang2025/signalNoiseModel.ts';
import { gaussianFilters } from '../../models/initialization.ts';
import { activationOf, validateSetting, type Zhang2025Setting } from './setting.ts';

export interface Zhang2025Problem {
  readonly setting: Zhang2025Setting;
  readonly model: SignalNoiseModel;
  readonly train: SignalNoiseSample;
  readonly test: SignalNoiseSample | null;
  readonly problem: PatchCnnProblem;
}

/**
 * Data, signal basis and initial filters from one seeded stream. Each piece has its own fork,
 * and the data model draws the background noise even at σp = 0, so two settings that differ
 * only in `noise` share the basis, the noise directions and W₀: only the noise scale moves.
 */
export function buildProblem(setting: Zhang2025Setting, rng: Rng): Zhang2025Problem {
  const s = validateSetting(setting);
  const model = createSignalNoiseModel(
    { K: s.K, dim: s.dim, patches: s.patches, noise: s.noise / Math.sqrt(s.dim) },
    rng.fork('signal-model'),
  );
  const train = model.sampleBalanced(s.samples, rng.fork('training-set'));
  const test = s.testSamples > 0 ? model.sampleIid(s.testSamples, rng.fork('test-set')) : null;
  const initialWeights = gaussianFilters(rng.fork('initial-filters'), s.filtersPerClass, s.dim, s.initScale);
  return {
    setting: s,
    model,
    train,
    test,
    problem: { model: { filtersPerClass: s.filtersPerClass, activation: activationOf(s) }, data: train.data, initialWeights },
  };
}
