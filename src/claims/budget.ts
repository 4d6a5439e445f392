import type { Claim, RunBudget } from './claim.ts';
import { type Profile, profileDefaults } from './profile.ts';
import { defaultAlpha } from './confidenceSequence.ts';
import { invalidParameter } from '../parameters/validation.ts';

/** A claim regime's budget: the profile's defaults, the claim's own, then the caller's overrides. */
export function budgetFor(claim: Claim<any, any>, profile: Profile, override: Partial<RunBudget> = {}): RunBudget {
  return { ...profileDefaults[profile], ...(claim.budgets?.[profile] ?? {}), ...override };
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * Checks what a budget, a threshold and an α must be before any run (bad values from a claim
 * file, the CLI or a config): each failure names the parameter and its constraint.
 */
export function validateRunSettings(
  claim: Pick<Claim<any, any>, 'id' | 'kind' | 'threshold' | 'alpha'>,
  budget: RunBudget,
  alpha: unknown = claim.alpha ?? defaultAlpha,
): void {
  if (!Number.isInteger(budget.runs) || budget.runs < 1) invalidParameter('runs', budget.runs, 'an integer ≥ 1');
  if (budget.minRuns !== undefined && (!Number.isInteger(budget.minRuns) || budget.minRuns < 1))
    invalidParameter('minRuns', budget.minRuns, 'an integer ≥ 1');
  if (!isPositive(budget.claimTimeMs)) invalidParameter('claimTimeMs', budget.claimTimeMs, 'a number > 0');
  if (!isPositive(budget.runTimeMs)) invalidParameter('runTimeMs', budget.runTimeMs, 'a number > 0');
  if (claim.kind === 'stochastic') {
    const t = claim.threshold;
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t >= 1)
      invalidParameter(`threshold of ${claim.id}`, t, 'a number in (0, 1)');
  }
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0 || alpha >= 1)
    invalidParameter('alpha', alpha, 'a number in (0, 1)');
}
