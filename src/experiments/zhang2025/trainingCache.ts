import type { MeasureContext } from '../../claims/claim.ts';
import { createRng } from '../../random/rng.ts';
import { measureTraining, type TrainingMeasurements } from './measureTraining.ts';
import type { Zhang2025Setting } from './setting.ts';

/**
 * Training runs are deterministic in (setting, seed, backend), and several claims look at the
 * same run (run A feeds C4–C8), so one process trains each at most once. Timed-out runs are not
 * kept: a later caller with more time may finish them.
 */
const cache = new Map<string, TrainingMeasurements>();

export function trainedRun(
  setting: Zhang2025Setting,
  context: Pick<MeasureContext, 'seed' | 'backend' | 'deadline'>,
): TrainingMeasurements {
  const key = JSON.stringify([context.backend.name, context.seed, setting]);
  const hit = cache.get(key);
  if (hit) return hit;
  // The stream is rebuilt from the seed (not taken from the context) so a cached run and a fresh one are identical.
  const measured = measureTraining(setting, createRng(context.seed).fork('zhang2025-training'), context.backend, context.deadline);
  if (measured.status !== 'timeout') cache.set(key, measured);
  return measured;
}

export function clearTrainingCache(): void {
  cache.clear();
}
