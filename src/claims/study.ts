import type { ComputeBackend } from '../compute/backend.ts';
import type { ExperimentReport, RegimeMap } from '../report/reportModel.ts';
import type { Profile } from './profile.ts';
import { assertStudy } from './validateClaim.ts';

/**
 * A study: a sweep that is not one claim's property — a reproduced experiment (the MNIST noise
 * sweep), a regime map (angle × labels for the depth-2 ReLU claim), a sample-complexity curve.
 * `theorycheck verify` runs every registered study and the vitest glue runs them as tests, so
 * both reports carry the same maps and figures.
 */
export interface Study {
  readonly id: string;
  readonly title: string;
  /** As a claim's `runGroup`: studies and claims of one group run in one process (default: the study's id). */
  readonly runGroup?: string;
  /** Profiles in which the study runs (too costly for some). */
  readonly profiles: readonly Profile[];
  run(context: StudyContext): Promise<StudyOutput>;
  /** What must be true of the output for the test to pass (throws with a message when not). */
  check?(output: StudyOutput): void;
}

/** What a study run gets: profile, seed, backend, deadline and an abort signal. */
export interface StudyContext {
  readonly profile: Profile;
  readonly seed: number;
  readonly backend: ComputeBackend;
  readonly deadline: number;
  readonly signal?: AbortSignal;
}

/** What a study returns for the report: regime maps and experiments. */
export interface StudyOutput {
  readonly maps?: RegimeMap[];
  readonly experiments?: ExperimentReport[];
}

/** Defines a study; rejects at once (an InputError naming the field) one missing `id`, `profiles` or `run`. */
export function defineStudy(study: Study): Study {
  assertStudy(study);
  return study;
}
