import type { Claim, ClaimParameters, FailureRegime } from './claim.ts';
import type { ClaimResult } from './result.ts';
import type { Profile } from './profile.ts';
import type { Domain } from '../parameters/parameter.ts';

/** The name of the regime where a claim is expected to hold. */
export const HOLDING_DOMAIN = 'holding-domain';

/** One regime of a claim, resolved to what the search draws from and what it should find. */
export interface ResolvedRegime<P extends ClaimParameters> {
  readonly name: string;
  readonly domain: Domain<P>;
  readonly why: string | null;
  readonly expected: ClaimResult['expected'];
  /** An example's fixed parameters (one run), or null for a drawn regime. */
  readonly fixedParams: (P & { seed: number }) | null;
  /** A stochastic holding domain: every run is collected for the sequential pass-rate verdict. */
  readonly collectsPassRate: boolean;
}

/** The regimes a claim is checked in under a profile: the holding domain, its examples, its failure regimes. */
export function regimesOf(claim: Claim<any, any>, profile: Profile = 'ci'): string[] {
  const examples = (claim.examples ?? []).filter((e) => !e.profiles || e.profiles.includes(profile)).map((e) => `example:${e.name}`);
  return [HOLDING_DOMAIN, ...examples, ...claim.failureRegimes.map((r: FailureRegime<any>) => r.name)];
}

/**
 * The run group of one of a claim's regimes: the example's or failure regime's own, else the
 * claim's, else the claim's id.
 */
export function runGroupOf(claim: Claim<any, any>, name: string): string {
  const own = name.startsWith('example:')
    ? claim.examples?.find((e) => `example:${e.name}` === name)?.runGroup
    : name === HOLDING_DOMAIN
      ? undefined
      : claim.failureRegimes.find((r: FailureRegime<any>) => r.name === name)?.runGroup;
  return own ?? claim.runGroup ?? claim.id;
}

/** `holding-domain`, `example:<name>` or a failure regime's name; an unknown name throws. */
export function resolveRegime<P extends ClaimParameters>(claim: Claim<P, any>, name: string): ResolvedRegime<P> {
  if (name.startsWith('example:')) {
    const example = claim.examples?.find((e) => `example:${e.name}` === name);
    if (!example) throw new Error(`claim ${claim.id} has no example "${name.slice(8)}"`);
    return { name, domain: claim.domain, why: null, expected: example.expect, fixedParams: example.params, collectsPassRate: false };
  }
  if (name === HOLDING_DOMAIN)
    return { name, domain: claim.domain, why: null, expected: 'holds', fixedParams: null, collectsPassRate: claim.kind === 'stochastic' };
  const regime = claim.failureRegimes.find((r) => r.name === name);
  if (!regime) throw new Error(`claim ${claim.id} has no failure regime "${name}"`);
  return {
    name,
    domain: { ...claim.domain, ...regime.domain } as Domain<P>,
    why: regime.why,
    expected: regime.expectation === 'probe' ? 'probe' : 'fails',
    fixedParams: null,
    collectsPassRate: false,
  };
}
