import { confidenceSequence, defaultAlpha, logEvidence } from './confidenceSequence.ts';
import type { Verdict } from './result.ts';
import { wilsonInterval } from './statistics.ts';

export interface Tally {
  passes: number;
  failures: number;
  /** The search stopped before its planned runs (time limit). */
  interrupted: boolean;
  plannedRuns: number;
  /** Error bound of a stochastic verdict (default 0.05): a decided verdict is wrong with probability ≤ α. */
  alpha?: number;
}

export interface VerdictDecision {
  verdict: Verdict;
  /** Stochastic: the anytime-valid confidence sequence at this point, [lower, upper], each side at level α. */
  interval: [number, number] | null;
  passRate: number | null;
  /** Stochastic: log evidence for each side (the verdict is decided once one reaches log(1/α)). */
  evidence?: { holds: number; fails: number };
}

/**
 * THE verdict rule, used by claims, explorer cells and studies alike. A deterministic claim fails
 * on one counterexample and holds when every planned run passed. A stochastic claim is decided
 * sequentially (src/claims/confidenceSequence.ts): it holds once the evidence that its pass rate
 * is ≥ the threshold reaches 1/α, fails once the evidence that it is below does, and is
 * inconclusive until then. The evidence is anytime-valid, so it may be read after every run and
 * the runs may stop as soon as it decides (or at any cap) with a wrong decided verdict at most α
 * of the time. A deterministic search cut short by its time limit is never silently passed.
 */
export function decideVerdict(kind: 'deterministic' | 'stochastic', threshold: number, tally: Tally): VerdictDecision {
  const judged = tally.passes + tally.failures;
  const passRate = judged ? tally.passes / judged : null;
  if (kind === 'deterministic') {
    // Unchanged for deterministic claims: the Wilson interval is only shown, never decides.
    const interval = judged ? wilsonInterval(tally.passes, judged) : null;
    if (tally.failures > 0) return { verdict: 'fails', interval, passRate };
    if (judged === 0 || tally.interrupted || judged < tally.plannedRuns) return { verdict: 'inconclusive', interval, passRate };
    return { verdict: 'holds', interval, passRate };
  }
  const alpha = tally.alpha ?? defaultAlpha;
  if (!judged) return { verdict: 'inconclusive', interval: null, passRate, evidence: { holds: 0, fails: 0 } };
  const interval = confidenceSequence(tally.passes, tally.failures, alpha);
  const evidence = logEvidence(tally.passes, tally.failures, threshold);
  const bar = -Math.log(alpha);
  if (evidence.holds >= bar && evidence.holds >= evidence.fails) return { verdict: 'holds', interval, passRate, evidence };
  if (evidence.fails >= bar) return { verdict: 'fails', interval, passRate, evidence };
  return { verdict: 'inconclusive', interval, passRate, evidence };
}
