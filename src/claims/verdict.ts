import { wilsonInterval } from './statistics.ts';
import type { Verdict } from './result.ts';

export interface Tally {
  passes: number;
  failures: number;
  /** The search stopped before its planned runs (time limit). */
  interrupted: boolean;
  plannedRuns: number;
}

/**
 * Verdict rules (design notes): a deterministic claim fails on one counterexample and holds when
 * every planned run passed; a stochastic claim holds when the Wilson 95% lower bound of its pass
 * rate clears the threshold, fails when the upper bound is below it, and is inconclusive
 * otherwise. A search cut short by its time limit is never silently passed.
 */
export function decideVerdict(kind: 'deterministic' | 'stochastic', threshold: number, tally: Tally): { verdict: Verdict; interval: [number, number] | null; passRate: number | null } {
  const judged = tally.passes + tally.failures;
  const interval = judged ? wilsonInterval(tally.passes, judged) : null;
  const passRate = judged ? tally.passes / judged : null;
  if (kind === 'deterministic') {
    if (tally.failures > 0) return { verdict: 'fails', interval, passRate };
    if (judged === 0 || tally.interrupted || judged < tally.plannedRuns) return { verdict: 'inconclusive', interval, passRate };
    return { verdict: 'holds', interval, passRate };
  }
  if (!interval) return { verdict: 'inconclusive', interval, passRate };
  if (interval[1] < threshold) return { verdict: 'fails', interval, passRate };
  if (interval[0] >= threshold && !tally.interrupted) return { verdict: 'holds', interval, passRate };
  return { verdict: 'inconclusive', interval, passRate };
}
