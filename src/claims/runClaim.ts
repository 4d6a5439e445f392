import fc from 'fast-check';
import type { Claim, ClaimParameters, Measured, RunBudget } from './claim.ts';
import type { ClaimResult, RunRecord } from './result.ts';
import type { Profile } from './profile.ts';
import { claimResultPlugin } from './resultPlugin.ts';
import { seedFromLabel } from './seeds.ts';
import { HOLDING_DOMAIN, resolveRegime } from './regime.ts';
import { budgetFor, validateRunSettings } from './budget.ts';
import { runOnce } from './runOnce.ts';
import { replayCorpusStep } from './corpusStep.ts';
import { RunExecution } from './runExecution.ts';
import { buildClaimResult } from './buildResult.ts';
import { defaultAlpha } from './confidenceSequence.ts';
import { domainArbitrary } from '../parameters/parameter.ts';
import { type BackendRequest, getBackend } from '../compute/backends.ts';
import { type ResultCache, sharedCache } from '../cache/resultCache.ts';
import { type CorpusMode, saveCounterexample } from '../corpus/store.ts';

export { HOLDING_DOMAIN, regimesOf } from './regime.ts';
export { budgetFor } from './budget.ts';
export { runOnce } from './runOnce.ts';

/** How runClaim runs: profile, seed, backend, regime, budget, cache, corpus and callbacks. */
export interface RunClaimOptions {
  readonly profile?: Profile;
  /** The base seed; each claim regime derives its own from it. */
  readonly seed?: number;
  readonly backend?: BackendRequest;
  /** `holding-domain`, `example:<name>`, or a failure regime's name. */
  readonly regime?: string;
  /** Overrides of the profile budget (the CLI's --runs and --time-budget). */
  readonly budget?: Partial<RunBudget>;
  /** Error bound of a stochastic verdict (the CLI's --alpha); default the claim's, else 0.05. */
  readonly alpha?: number;
  /** Receives the result from the fast-check plugin (vitest metadata, CLI collector). */
  readonly sink?: (result: ClaimResult) => void;
  /** Called after every run (progress bars). */
  readonly onRun?: (record: RunRecord) => void;
  /** Stops the search between runs (SIGINT, suite time budget); the result is marked interrupted. */
  readonly signal?: AbortSignal;
  /** Finished runs by (claim, params, seed, backend, engine version); default the process-wide cache. */
  readonly cache?: ResultCache;
  /** Replay stored counterexamples first (`read`), and save new ones (`write`, the default). */
  readonly corpus?: CorpusMode;
  /** Where the claim's counterexamples are stored; without it the corpus is off. */
  readonly corpusDirectory?: string;
}

/**
 * Checks a claim over one regime under fast-check, in four steps: resolve the regime, replay its
 * corpus, execute the runs (a stochastic holding domain collects every run and stops as soon as
 * its sequential verdict is decided; elsewhere the property is the pass condition, so fast-check
 * searches for a counterexample and shrinks it), and build the result.
 */
export async function runClaim<P extends ClaimParameters, M extends Measured>(
  claim: Claim<P, M>,
  options: RunClaimOptions = {},
): Promise<ClaimResult> {
  const profile = options.profile ?? 'ci';
  const regime = resolveRegime(claim, options.regime ?? HOLDING_DOMAIN);
  const budget = budgetFor(claim, profile, options.budget);
  const alpha = options.alpha ?? claim.alpha ?? defaultAlpha;
  validateRunSettings(claim, budget, alpha);
  const backend = getBackend(options.backend ?? 'fast');
  const fcSeed = seedFromLabel(`${options.seed ?? 42}/${claim.id}/${regime.name}`);
  const started = performance.now();
  const cache = options.cache ?? sharedCache();
  const runCached = (params: P & { seed: number }) =>
    cache.through(claim, params, backend, () => runOnce(claim, params, backend, budget.runTimeMs));

  const corpus = await replayCorpusStep(claim, regime, backend, runCached, options);
  const execution = new RunExecution(regime, corpus.run, { threshold: claim.threshold ?? 1, alpha, minRuns: budget.minRuns ?? 1 }, options);

  type Ts = [P & { seed: number }];
  let built: ReturnType<typeof buildClaimResult> | null = null;
  const arbitrary = regime.fixedParams ? fc.constant(regime.fixedParams) : domainArbitrary(regime.domain);
  const property: fc.IAsyncPropertyWithHooks<Ts> = fc.asyncProperty(arbitrary as fc.Arbitrary<P & { seed: number }>, execution.predicate);
  await fc.check<Ts>(property, {
    numRuns: regime.fixedParams ? 1 : budget.runs,
    seed: fcSeed,
    examples: [...corpus.examples] as Ts[],
    plugins: [
      fc.interruptAfterTimeLimit(budget.claimTimeMs) as fc.Plugin<Ts>,
      // Decided, SIGINT or the suite budget: interrupt between runs, as the time-limit plugin does, instead of skipping the remaining runs one by one.
      (() => ({ decorateRun: (run) => (value) => (execution.stopped ? new fc.PreconditionFailure(true) : run(value)) })) as fc.Plugin<Ts>,
      claimResultPlugin<Ts>(
        (details) => {
          built = buildClaimResult(
            {
              claim,
              regime,
              budget,
              alpha,
              backend,
              profile,
              fcSeed,
              started,
              records: execution.records,
              decidedAt: execution.decidedAt,
              corpus,
              signal: options.signal,
            },
            details,
          );
          return built.result;
        },
        (r) => options.sink?.(r),
      ),
    ],
  });
  const done = built as ReturnType<typeof buildClaimResult> | null;
  if (!done) throw new Error(`claim ${claim.id}: fast-check finished without reporting a result`);
  const { result, failingRecord } = done;
  const isCounterexample = claim.kind === 'deterministic' || regime.name !== HOLDING_DOMAIN || result.verdict === 'fails';
  if (corpus.mode === 'write' && result.counterexample && failingRecord && !regime.fixedParams && isCounterexample) {
    saveCounterexample(corpus.directory, {
      claim,
      regime: regime.name,
      expected: regime.expected,
      record: failingRecord,
      backend,
      fastCheck: result.counterexample.fastCheck,
    });
  }
  return result;
}
