import type { Claim, ClaimParameters } from './claim.ts';
import type { RunRecord } from './result.ts';
import type { ResolvedRegime } from './regime.ts';
import { HOLDING_DOMAIN } from './regime.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import type { CorpusMode } from '../corpus/store.ts';
import { type ReplayedCounterexample, replayCorpus } from '../corpus/replay.ts';
import { canonicalJson } from '../cache/canonicalJson.ts';

/** The corpus as one regime's search sees it. */
export interface CorpusStep<P extends ClaimParameters> {
  readonly mode: CorpusMode;
  readonly directory: string;
  readonly replayed: readonly ReplayedCounterexample[];
  /** Stored cases of this regime that still fail: fast-check runs them before any new draw. */
  readonly examples: readonly [P & { seed: number }][];
  /** Runs a case, taking a replayed case's record (once) instead of training it again. */
  run(params: P & { seed: number }): Promise<RunRecord>;
}

/**
 * The corpus first, as Hypothesis replays its example database: a stored case that still fails
 * is tried before any new draw, and the report says which stored cases still fail.
 */
export async function replayCorpusStep<P extends ClaimParameters>(
  claim: Claim<P, any>,
  regime: ResolvedRegime<P>,
  backend: ComputeBackend,
  runCached: (params: P & { seed: number }) => Promise<RunRecord>,
  options: { corpus?: CorpusMode; corpusDirectory?: string; signal?: AbortSignal },
): Promise<CorpusStep<P>> {
  // Only a caller that names a corpus directory (the CLI, the vitest glue) gets one, so test claims never write fixtures.
  const directory = options.corpusDirectory ?? '';
  const mode = options.corpusDirectory !== undefined ? (options.corpus ?? 'write') : 'off';
  // Cases the explorer found outside every named regime are replayed (and reported) with the holding domain.
  const knownRegimes = new Set([HOLDING_DOMAIN, ...claim.failureRegimes.map((r) => r.name)]);
  const ownsCase = (name: string) => name === regime.name || (regime.name === HOLDING_DOMAIN && !knownRegimes.has(name));
  const replayed =
    mode === 'off' || regime.fixedParams
      ? []
      : await replayCorpus(
          claim,
          directory,
          backend,
          (p) => runCached(p as P & { seed: number }),
          (s) => !options.signal?.aborted && ownsCase(s.file.regime),
        );

  // Stored cases that still fail are handed to fast-check as examples; their replay already ran
  // them, so the predicate takes that record (once) instead of training again.
  const replayedRuns = new Map(replayed.filter((r) => r.replay.stillFails).map((r) => [canonicalJson(r.stored.file.params), r.record]));
  const run = async (params: P & { seed: number }): Promise<RunRecord> => {
    const key = canonicalJson(params);
    const done = replayedRuns.get(key);
    if (!done) return runCached(params);
    replayedRuns.delete(key);
    // As the result cache would have returned it.
    return { ...done, params, cached: true } as RunRecord;
  };
  // A stochastic holding domain only reports stored cases (as examples they would bias its pass rate).
  const examples = regime.collectsPassRate
    ? []
    : replayed
        .filter((r) => r.replay.stillFails && r.stored.file.regime === regime.name)
        .map((r) => [r.stored.file.params as P & { seed: number }] as [P & { seed: number }]);
  return { mode, directory, replayed, examples, run };
}
