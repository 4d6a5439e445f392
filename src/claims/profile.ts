import { InvalidParameterError } from '../parameters/validation.ts';

/** A budget profile: smoke (seconds), ci (minutes), deep (hours). */
export type Profile = 'smoke' | 'ci' | 'deep';

/** How much a claim regime may run: runs, and time limits for the regime and for one run. */
export interface RunBudget {
  /**
   * Runs (fast-check numRuns) in the holding domain and in each failure regime; for a stochastic
   * holding domain the most runs, which stop earlier once the sequential verdict is decided.
   */
  readonly runs: number;
  /** A stochastic holding domain makes at least this many judged runs before it may stop as decided. */
  readonly minRuns?: number;
  /** Time limit for one claim regime, all runs and shrinking together. */
  readonly claimTimeMs: number;
  /** Time limit for one run. */
  readonly runTimeMs: number;
}

/** Every budget profile, smallest first. */
export const profiles: readonly Profile[] = ['smoke', 'ci', 'deep'];

/**
 * Defaults per profile; claims that train networks override `runs` and the times. A stochastic
 * holding domain runs between `minRuns` and `runs` (its run cap), stopping once decided.
 */
export const profileDefaults: Record<Profile, RunBudget> = {
  smoke: { runs: 3, minRuns: 1, claimTimeMs: 10_000, runTimeMs: 5_000 },
  ci: { runs: 12, minRuns: 10, claimTimeMs: 40_000, runTimeMs: 15_000 },
  deep: { runs: 100, minRuns: 20, claimTimeMs: 15 * 60_000, runTimeMs: 5 * 60_000 },
};

/** Parses a profile name; anything else is an InvalidParameterError. */
export function parseProfile(value: string | undefined, fallback: Profile = 'ci'): Profile {
  if (value === undefined || value === '') return fallback;
  if (!(profiles as readonly string[]).includes(value)) throw new InvalidParameterError('profile', value, `one of ${profiles.join(', ')}`);
  return value as Profile;
}
