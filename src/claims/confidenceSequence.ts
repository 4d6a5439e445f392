import jstatModule from 'jstat';

const { jStat } = jstatModule;

/**
 * Anytime-valid evidence about a pass rate p, from a stream of pass/fail runs.
 *
 * Method: two one-sided mixture likelihood-ratio tests (Robbins 1970; Howard, Ramdas, McAuliffe &
 * Sekhon 2021, "beta-binomial" mixture), one per side of the threshold θ. After S passes and F
 * failures the evidence that p ≥ θ is
 *
 *   E⁺ = ∫_θ^1 (p/θ)^S ((1−p)/(1−θ))^F π⁺(dp),   π⁺ = Beta(a, b) truncated to [θ, 1],
 *
 * and the evidence that p < θ is E⁻, the same integral over π⁻ = Beta(a, b) truncated to [0, θ].
 * Under any true rate p < θ each factor of E⁺ has expectation ≤ 1, so E⁺ is a nonnegative
 * supermartingale starting at 1, and by Ville's inequality P(E⁺ ever reaches 1/α) ≤ α; the same
 * holds for E⁻ under p ≥ θ. So "holds when E⁺ ≥ 1/α, fails when E⁻ ≥ 1/α" gives a wrong decided
 * verdict with probability at most α, however often the evidence is looked at and whenever the
 * runs stop (decided, run cap, time limit). A re-read fixed-n interval (Wilson) has no such bound.
 *
 * Both integrals are regularized incomplete beta functions (jstat's `ibeta`), taken in log space.
 */
export interface SequentialPrior {
  readonly a: number;
  readonly b: number;
}

/** Beta(1, 1): the uniform mixture over each side of the threshold. */
export const defaultPrior: SequentialPrior = { a: 1, b: 1 };

/** The default α: wrong decided verdicts at most 5% of the time, at every threshold and true rate. */
export const defaultAlpha = 0.05;

function logUpperTail(theta: number, a: number, b: number): number {
  // 1 − I_θ(a, b) = I_{1−θ}(b, a): the tail is computed directly so that it does not cancel to 0.
  return Math.log(jStat.ibeta(1 - theta, b, a));
}

function logLowerTail(theta: number, a: number, b: number): number {
  return Math.log(jStat.ibeta(theta, a, b));
}

function logLikelihoodAt(theta: number, passes: number, failures: number): number {
  return (passes ? passes * Math.log(theta) : 0) + (failures ? failures * Math.log(1 - theta) : 0);
}

/**
 * log E⁺ and log E⁻ (natural logs) for `passes` and `failures` against the threshold θ ∈ (0, 1).
 * Each is 0 before any run.
 */
export function logEvidence(
  passes: number,
  failures: number,
  threshold: number,
  prior: SequentialPrior = defaultPrior,
): { holds: number; fails: number } {
  const { a, b } = prior;
  const marginal = jStat.betaln(passes + a, failures + b) - jStat.betaln(a, b) - logLikelihoodAt(threshold, passes, failures);
  const holds = marginal + logUpperTail(threshold, passes + a, failures + b) - logUpperTail(threshold, a, b);
  const fails = marginal + logLowerTail(threshold, passes + a, failures + b) - logLowerTail(threshold, a, b);
  // A tail that underflows to 0 is no evidence on that side.
  return { holds: Number.isFinite(holds) ? holds : -Infinity, fails: Number.isFinite(fails) ? fails : -Infinity };
}

export type SequentialDecision = 'holds' | 'fails' | 'undecided';

/** The decision of the two tests at level α: at most one side can reach 1/α on a sensible stream. */
export function sequentialDecision(
  passes: number,
  failures: number,
  threshold: number,
  alpha = defaultAlpha,
  prior: SequentialPrior = defaultPrior,
): SequentialDecision {
  const evidence = logEvidence(passes, failures, threshold, prior);
  const bar = -Math.log(alpha);
  if (evidence.holds >= bar && evidence.holds >= evidence.fails) return 'holds';
  if (evidence.fails >= bar) return 'fails';
  return 'undecided';
}

/**
 * The confidence sequence the two tests define: [lower, upper] where `lower` is the largest θ the
 * "holds" test would accept at level α and `upper` the smallest θ the "fails" test would accept.
 * Each side covers p with probability ≥ 1 − α at all times simultaneously, so the verdict reads
 * off it: holds when lower ≥ θ, fails when upper < θ (up to the bisection's 1e-6). The evidence
 * is monotone in θ (more passes needed for a higher bar), which is what the bisection relies on.
 */
export function confidenceSequence(
  passes: number,
  failures: number,
  alpha = defaultAlpha,
  prior: SequentialPrior = defaultPrior,
): [number, number] {
  const n = passes + failures;
  if (n === 0) return [0, 1];
  const bar = -Math.log(alpha);
  const centre = passes / n;
  const bisect = (lo: number, hi: number, inside: (theta: number) => boolean): number => {
    // `inside(lo)` is true, `inside(hi)` false; returns the boundary.
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (inside(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const eps = 1e-12;
  const lower =
    logEvidence(passes, failures, eps, prior).holds < bar
      ? 0
      : bisect(eps, Math.max(eps, Math.min(centre, 1 - eps)), (t) => logEvidence(passes, failures, t, prior).holds >= bar);
  const upper =
    logEvidence(passes, failures, 1 - eps, prior).fails < bar
      ? 1
      : 1 - bisect(eps, Math.max(eps, Math.min(1 - centre, 1 - eps)), (s) => logEvidence(passes, failures, 1 - s, prior).fails >= bar);
  return [lower, upper];
}
