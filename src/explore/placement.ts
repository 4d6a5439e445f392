import type { Claim } from '../claims/claim.ts';
import type { ParameterSpec, ParameterValue } from '../parameters/parameter.ts';
import type { CounterexampleFile } from '../corpus/schema.ts';
import { HOLDING_DOMAIN } from '../claims/runClaim.ts';

/** The regime a point falls in, named so a stored counterexample replays where it belongs. */
export const EXPLORE_REGIME = 'explore';

function inside(domain: Record<string, ParameterSpec>, params: Record<string, ParameterValue>): boolean {
  return Object.entries(domain).every(([name, spec]) => (spec.values as readonly ParameterValue[]).includes(params[name]));
}

/**
 * Where a point found by the explorer lies: in the claim's holding domain (a failure there is a
 * real counterexample), in a failure regime (expected), or outside both (a probe).
 */
export function placeParams(
  claim: Claim<any, any>,
  params: Record<string, ParameterValue>,
): { regime: string; expected: CounterexampleFile['expected'] } {
  const domain = claim.domain as Record<string, ParameterSpec>;
  if (inside(domain, params)) return { regime: HOLDING_DOMAIN, expected: 'holds' };
  for (const regime of claim.failureRegimes) {
    if (inside({ ...domain, ...(regime.domain as Record<string, ParameterSpec>) }, params))
      return { regime: regime.name, expected: regime.expectation === 'probe' ? 'probe' : 'fails' };
  }
  return { regime: EXPLORE_REGIME, expected: 'probe' };
}
