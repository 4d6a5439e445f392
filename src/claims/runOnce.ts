import type { Claim, ClaimParameters, Measured } from './claim.ts';
import type { RunRecord } from './result.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import { createRng } from '../random/rng.ts';

/** Runs one measurement and judges it; never throws (a thrown error is an `error` outcome). */
export async function runOnce<P extends ClaimParameters, M extends Measured>(
  claim: Claim<P, M>,
  params: P & { seed: number },
  backend: ComputeBackend,
  runTimeMs: number,
): Promise<RunRecord> {
  const started = performance.now();
  const context = { rng: createRng(params.seed), seed: params.seed, backend, deadline: Date.now() + runTimeMs };
  try {
    const measured = await claim.measure(params, context);
    const durationMs = performance.now() - started;
    if (measured.status === 'diverged') {
      const outcome = claim.onDiverged === 'discard' ? 'diverged' : 'fail';
      return {
        params,
        outcome,
        margin: null,
        detail: `training diverged at step ${measured.divergedAt ?? '?'}`,
        measured,
        durationMs,
        shrinking: false,
      };
    }
    if (measured.status === 'timeout') {
      return {
        params,
        outcome: 'timeout',
        margin: null,
        detail: `run exceeded its ${runTimeMs} ms budget`,
        measured,
        durationMs,
        shrinking: false,
      };
    }
    const judgement = claim.holds(measured, params);
    return {
      params,
      outcome: judgement.pass ? 'pass' : 'fail',
      margin: judgement.margin,
      detail: judgement.detail,
      measured,
      durationMs,
      shrinking: false,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      params,
      outcome: 'error',
      margin: null,
      detail: message,
      measured: null,
      durationMs: performance.now() - started,
      shrinking: false,
    };
  }
}
