import fc from 'fast-check';
import type { Claim, ClaimParameters, FailureRegime, Measured, RunBudget } from './claim.ts';
import type { ClaimResult, Counterexample, RunRecord } from './result.ts';
import { decideVerdict } from './verdict.ts';
import { type Profile, profileDefaults } from './profile.ts';
import { claimResultPlugin } from './resultPlugin.ts';
import { replayCommand } from './replay.ts';
import { seedFromLabel } from './seeds.ts';
import { type Domain, domainArbitrary, type ParameterSpec } from '../parameters/parameter.ts';
import { describeValues } from '../parameters/describe.ts';
import { createRng } from '../random/rng.ts';
import { type BackendRequest, getBackend } from '../compute/backends.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import { type ResultCache, sharedCache } from '../cache/resultCache.ts';
import { type CorpusMode, saveCounterexample } from '../corpus/store.ts';
import { replayCorpus } from '../corpus/replay.ts';
import { canonicalJson } from '../cache/canonicalJson.ts';

/** The name of the regime where a claim is expected to hold. */
export const HOLDING_DOMAIN = 'holding-domain';

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

/** The regimes a claim is checked in under a profile: the holding domain, its examples, its failure regimes. */
export function regimesOf(claim: Claim<any, any>, profile: Profile = 'ci'): string[] {
  const examples = (claim.examples ?? []).filter((e) => !e.profiles || e.profiles.includes(profile)).map((e) => `example:${e.name}`);
  return [HOLDING_DOMAIN, ...examples, ...claim.failureRegimes.map((r: FailureRegime<any>) => r.name)];
}

/** A claim regime's budget: the profile's defaults, the claim's own, then the caller's overrides. */
export function budgetFor(claim: Claim<any, any>, profile: Profile, override: Partial<RunBudget> = {}): RunBudget {
  return { ...profileDefaults[profile], ...(claim.budgets?.[profile] ?? {}), ...override };
}

function describeDomain(domain: Record<string, ParameterSpec>): Record<string, string> {
  return Object.fromEntries(Object.entries(domain).map(([name, parameter]) => [name, `{${describeValues(parameter.values, { max: 12, head: 4, tail: 2 })}}`]));
}

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
      return { params, outcome, margin: null, detail: `training diverged at step ${measured.divergedAt ?? '?'}`, measured, durationMs, shrinking: false };
    }
    if (measured.status === 'timeout') {
      return { params, outcome: 'timeout', margin: null, detail: `run exceeded its ${runTimeMs} ms budget`, measured, durationMs, shrinking: false };
    }
    const judgement = claim.holds(measured, params);
    return { params, outcome: judgement.pass ? 'pass' : 'fail', margin: judgement.margin, detail: judgement.detail, measured, durationMs, shrinking: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { params, outcome: 'error', margin: null, detail: message, measured: null, durationMs: performance.now() - started, shrinking: false };
  }
}

/**
 * Checks a claim over one regime under fast-check. In the holding domain a stochastic claim
 * collects every run for its pass rate; everywhere else the property is the pass condition, so
 * fast-check searches for a counterexample and shrinks it to the simplest readable values.
 */
export async function runClaim<P extends ClaimParameters, M extends Measured>(claim: Claim<P, M>, options: RunClaimOptions = {}): Promise<ClaimResult> {
  const profile = options.profile ?? 'ci';
  const regimeName = options.regime ?? HOLDING_DOMAIN;
  const budget = budgetFor(claim, profile, options.budget);
  const backend = getBackend(options.backend ?? 'fast');
  const baseSeed = options.seed ?? 42;
  const fcSeed = seedFromLabel(`${baseSeed}/${claim.id}/${regimeName}`);
  const started = performance.now();

  let domain: Domain<P> = claim.domain;
  let regimeWhy: string | null = null;
  let expected: ClaimResult['expected'] = 'holds';
  let fixedParams: (P & { seed: number }) | null = null;
  if (regimeName.startsWith('example:')) {
    const example = claim.examples?.find((e) => `example:${e.name}` === regimeName);
    if (!example) throw new Error(`claim ${claim.id} has no example "${regimeName.slice(8)}"`);
    fixedParams = example.params;
    expected = example.expect;
  } else if (regimeName !== HOLDING_DOMAIN) {
    const regime = claim.failureRegimes.find((r) => r.name === regimeName);
    if (!regime) throw new Error(`claim ${claim.id} has no failure regime "${regimeName}"`);
    domain = { ...claim.domain, ...regime.domain } as Domain<P>;
    regimeWhy = regime.why;
    expected = regime.expectation === 'probe' ? 'probe' : 'fails';
  }
  const collectAll = regimeName === HOLDING_DOMAIN && claim.kind === 'stochastic';
  const threshold = claim.threshold ?? 1;
  const records: RunRecord[] = [];
  let failureSeen = false;
  const cache = options.cache ?? sharedCache();
  const runCached = (params: P & { seed: number }) => cache.through(claim, params, backend, () => runOnce(claim, params, backend, budget.runTimeMs));

  // The corpus first, as Hypothesis replays its example database: a stored case that still fails
  // is tried before any new draw, and the report says which stored cases still fail.
  // Only a caller that names a corpus directory (the CLI, the vitest glue) gets one, so test claims never write fixtures.
  const corpusDir = options.corpusDirectory ?? '';
  const corpusMode = options.corpusDirectory !== undefined ? (options.corpus ?? 'write') : 'off';
  // Cases the explorer found outside every named regime are replayed (and reported) with the holding domain.
  const knownRegimes = new Set([HOLDING_DOMAIN, ...claim.failureRegimes.map((r) => r.name)]);
  const ownsCase = (regime: string) => regime === regimeName || (regimeName === HOLDING_DOMAIN && !knownRegimes.has(regime));
  const replayed = corpusMode === 'off' || fixedParams ? [] : await replayCorpus(claim, corpusDir, backend, (p) => runCached(p as P & { seed: number }), (s) => !options.signal?.aborted && ownsCase(s.file.regime));

  // Stored cases that still fail are handed to fast-check as examples below; their replay above
  // already ran them, so the predicate takes that record (once) instead of training again.
  const replayedRuns = new Map(replayed.filter((r) => r.replay.stillFails).map((r) => [canonicalJson(r.stored.file.params), r.record]));
  const runOrReplayed = async (params: P & { seed: number }): Promise<RunRecord> => {
    const key = canonicalJson(params);
    const done = replayedRuns.get(key);
    if (!done) return runCached(params);
    replayedRuns.delete(key);
    // As the result cache would have returned it.
    return { ...done, params, cached: true } as RunRecord;
  };

  const predicate = async (params: P & { seed: number }): Promise<boolean> => {
    // Let timers and signal handlers run: a synchronous measurement in an async loop never yields otherwise, and SIGINT would wait for the whole search.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) return true;
    const record = { ...(await runOrReplayed(params)), shrinking: failureSeen };
    records.push(record);
    options.onRun?.(record);
    const failed = record.outcome === 'fail';
    if (collectAll) return true;
    if (failed) failureSeen = true;
    return !failed;
  };

  const arbitrary = fixedParams ? fc.constant(fixedParams) : domainArbitrary(domain);
  let result: ClaimResult | null = null;
  // The run behind the reported counterexample, kept for the corpus.
  let failingRecord: RunRecord | null = null;
  const build = (details: fc.RunDetails<[P & { seed: number }]>): ClaimResult => {
    const counted = records.filter((r) => !r.shrinking);
    const passes = counted.filter((r) => r.outcome === 'pass').length;
    const failures = counted.filter((r) => r.outcome === 'fail').length;
    const diverged = counted.filter((r) => r.outcome === 'diverged').length;
    const timeouts = counted.filter((r) => r.outcome === 'timeout').length;
    const errors = counted.filter((r) => r.outcome === 'error').length;
    const plannedRuns = fixedParams ? 1 : budget.runs;
    const interrupted = details.interrupted || Boolean(options.signal?.aborted);
    const { verdict, interval, passRate } = decideVerdict(fixedParams ? 'deterministic' : claim.kind, threshold, {
      passes,
      failures,
      interrupted: interrupted && !details.failed,
      plannedRuns: plannedRuns - diverged - timeouts - errors,
    });
    let counterexample: Counterexample | null = null;
    const shrunk = details.failed && details.counterexample ? details.counterexample[0] : null;
    const failing = shrunk ? [...records].reverse().find((r) => r.outcome === 'fail' && JSON.stringify(r.params) === JSON.stringify(shrunk)) : counted.find((r) => r.outcome === 'fail');
    failingRecord = failing ?? null;
    if (failing) {
      counterexample = {
        params: failing.params,
        measured: failing.measured,
        detail: failing.detail,
        replay: replayCommand(claim.id, failing.params, backend.name),
        fastCheck: shrunk ? { seed: details.seed, path: details.counterexamplePath } : null,
        shrinks: shrunk ? details.numShrinks : 0,
      };
    }
    const findings: string[] = [];
    // Cut short by the suite (SIGINT, --time-budget) rather than by its own budget: not judged, so not unexpected.
    const cutBySuite = Boolean(options.signal?.aborted) && counted.length < plannedRuns;
    if (expected === 'fails' && !counterexample) findings.push(cutBySuite ? `not searched to the end: the run was stopped after ${counted.length} runs` : `expected failure not observed: no counterexample in ${counted.length} runs`);
    if (expected === 'holds' && verdict === 'fails') findings.push('the claim failed where it is expected to hold');
    if (timeouts) findings.push(`${timeouts} run(s) hit the per-run time limit and count as neither pass nor fail`);
    if (diverged) findings.push(`${diverged} run(s) diverged and were discarded`);
    if (errors) findings.push(`${errors} run(s) raised an error: ${counted.find((r) => r.outcome === 'error')?.detail}`);
    if (interrupted) findings.push(`time limit reached after ${counted.length} of ${plannedRuns} planned runs`);
    const asExpected = errors === 0 && (expected === 'probe' || (expected === 'holds' ? verdict !== 'fails' : counterexample !== null || (cutBySuite && verdict === 'inconclusive')));
    return {
      id: claim.id,
      paper: claim.paper,
      title: claim.title,
      statement: claim.statement,
      provenance: claim.provenance,
      conditions: claim.conditions,
      passCondition: claim.passCondition,
      kind: claim.kind,
      regime: regimeName,
      regimeWhy,
      domain: fixedParams ? Object.fromEntries(Object.entries(fixedParams).map(([k, v]) => [k, String(v)])) : describeDomain(domain as Record<string, ParameterSpec>),
      expected,
      verdict,
      asExpected,
      finding: findings.length ? findings.join('; ') : null,
      runs: counted.length,
      passes,
      failures,
      diverged,
      timeouts,
      errors,
      passRate,
      interval,
      threshold,
      seed: fcSeed,
      counterexample,
      durationMs: performance.now() - started,
      backend: backend.name,
      device: backend.device,
      profile,
      interrupted,
      samples: records,
      corpus: replayed.map((r) => r.replay),
    };
  };

  type Ts = [P & { seed: number }];
  const property: fc.IAsyncPropertyWithHooks<Ts> = fc.asyncProperty(arbitrary as fc.Arbitrary<P & { seed: number }>, predicate);
  await fc.check<Ts>(property, {
    numRuns: fixedParams ? 1 : budget.runs,
    seed: fcSeed,
    // Stored cases that still fail run first; a stochastic holding domain only reports them (they would bias its pass rate).
    examples: collectAll ? [] : replayed.filter((r) => r.replay.stillFails && r.stored.file.regime === regimeName).map((r) => [r.stored.file.params as P & { seed: number }] as Ts),
    plugins: [
      fc.interruptAfterTimeLimit(budget.claimTimeMs) as fc.Plugin<Ts>,
      // SIGINT or the suite budget: interrupt between runs, as the time-limit plugin does, instead of skipping the remaining runs one by one.
      (() => ({ decorateRun: (run) => (value) => (options.signal?.aborted ? new fc.PreconditionFailure(true) : run(value)) })) as fc.Plugin<Ts>,
      claimResultPlugin<Ts>(build, (r) => {
        result = r;
        options.sink?.(r);
      }),
    ],
  });
  if (!result) throw new Error(`claim ${claim.id}: fast-check finished without reporting a result`);
  const final: ClaimResult = result;
  const counterexample = final.counterexample;
  const isCounterexample = claim.kind === 'deterministic' || regimeName !== HOLDING_DOMAIN || final.verdict === 'fails';
  const failing: RunRecord | null = failingRecord;
  if (corpusMode === 'write' && counterexample && failing && !fixedParams && isCounterexample) {
    saveCounterexample(corpusDir, { claim, regime: regimeName, expected, record: failing, backend, fastCheck: counterexample.fastCheck });
  }
  return final;
}
