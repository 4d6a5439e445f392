import type { ComputeBackend } from '../../compute/backend.ts';
import type { BinaryTask } from '../../data/binaryTask.ts';
import type { Rng } from '../../random/rng.ts';
import { invalidParameter } from '../../parameters/validation.ts';
import {
  initialFilters,
  prepareCleanTask,
  runNoiseLevel,
  validateSettings,
  type CleanTask,
  type NoiseLevelResult,
  type RealDataSettings,
} from './pipeline.ts';

/** A noise sweep: the same clean images and initial filters, trained once per σp. */
export interface SweepConfig extends RealDataSettings {
  /** σp values, ascending; 0 (the clean images) should be first. */
  readonly noiseLevels: readonly number[];
}

export interface SweepResult {
  readonly clean: CleanTask;
  readonly config: SweepConfig;
  readonly levels: NoiseLevelResult[];
  readonly backend: string;
  readonly device: string;
  readonly durationMs: number;
  /** Levels skipped because the time budget ran out. */
  readonly skipped: number[];
}

export function validateSweep(config: SweepConfig): void {
  validateSettings(config);
  if (config.noiseLevels.length === 0) invalidParameter('noise levels', config.noiseLevels, 'at least one σp');
  config.noiseLevels.forEach((s, i) => {
    if (!Number.isFinite(s) || s < 0) invalidParameter(`noise level ${i + 1}`, s, 'a finite number ≥ 0');
    if (i > 0 && s <= config.noiseLevels[i - 1]) invalidParameter('noise levels', config.noiseLevels, 'strictly increasing');
  });
}

export function runSweep(
  task: BinaryTask,
  config: SweepConfig,
  backend: ComputeBackend,
  rng: Rng,
  options: { deadline?: number; onLevel?: (level: NoiseLevelResult, index: number) => void } = {},
): SweepResult {
  validateSweep(config);
  const started = performance.now();
  const clean = prepareCleanTask(task, config.K, config.pca);
  const initial = initialFilters(config, clean.train.cols, rng);
  const levels: NoiseLevelResult[] = [];
  const skipped: number[] = [];
  for (const [index, noise] of config.noiseLevels.entries()) {
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      skipped.push(noise);
      continue;
    }
    const level = runNoiseLevel(clean, noise, config, initial, backend, rng.fork(`level-${index}`), { deadline: options.deadline });
    levels.push(level);
    options.onLevel?.(level, index);
  }
  return { clean, config, levels, backend: backend.name, device: backend.device, durationMs: performance.now() - started, skipped };
}
