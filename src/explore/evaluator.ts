import type { Claim, ClaimParameters } from '../claims/claim.ts';
import type { RunRecord } from '../claims/result.ts';
import { runOnce } from '../claims/runClaim.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import type { ResultCache } from '../cache/resultCache.ts';

export type RunParams = ClaimParameters & { seed: number };

/** One judged run through the result cache; the explorer's only way to run a claim. */
export interface Evaluator {
  (params: RunParams): Promise<RunRecord>;
  /** Runs asked for, and how many of them trained (were not served from the cache). */
  readonly stats: { runs: number; computed: number };
}

export function createEvaluator(
  claim: Claim<any, any>,
  backend: ComputeBackend,
  cache: ResultCache,
  runTimeMs: number,
  onRun?: (record: RunRecord) => void,
): Evaluator {
  const stats = { runs: 0, computed: 0 };
  const evaluate = async (params: RunParams): Promise<RunRecord> => {
    // Yield to timers and signal handlers (SIGINT, --time-budget) between runs.
    await new Promise((resolve) => setImmediate(resolve));
    stats.runs++;
    const record = await cache.through(claim, params, backend, () => {
      stats.computed++;
      return runOnce(claim, params, backend, runTimeMs);
    });
    onRun?.(record);
    return record;
  };
  return Object.assign(evaluate, { stats });
}

/** Lower is closer to failing: a failure is −∞, a run without a margin (diverged, timed out) is +∞. */
export function failureScore(record: RunRecord): number {
  if (record.outcome === 'fail') return -Infinity;
  return record.margin ?? Infinity;
}
