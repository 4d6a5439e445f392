import { InvalidParameterError } from '../parameters/validation.ts';
import type { RunBudget } from './claim.ts';
import { type BackendRequest, parseBackendRequest } from '../compute/backends.ts';

export type Profile = 'smoke' | 'ci' | 'deep';
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

export function parseProfile(value: string | undefined, fallback: Profile = 'ci'): Profile {
  if (value === undefined || value === '') return fallback;
  if (!(profiles as readonly string[]).includes(value)) throw new InvalidParameterError('profile', value, `one of ${profiles.join(', ')}`);
  return value as Profile;
}

/** The profile named by THEORYCHECK_PROFILE (vitest runs), `ci` by default. */
export function profileFromEnvironment(): Profile {
  return parseProfile(process.env.THEORYCHECK_PROFILE);
}

/** The base seed named by THEORYCHECK_SEED (vitest runs), 42 by default; like --seed, an integer ≥ 0. */
export function seedFromEnvironment(): number {
  const text = process.env.THEORYCHECK_SEED;
  if (text === undefined || text === '') return 42;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 0) throw new InvalidParameterError('THEORYCHECK_SEED', text, 'an integer ≥ 0');
  return value;
}

/** The backend named by THEORYCHECK_BACKEND (vitest runs), `fast` by default. */
export function backendFromEnvironment(): BackendRequest {
  return parseBackendRequest(process.env.THEORYCHECK_BACKEND ?? 'fast');
}
