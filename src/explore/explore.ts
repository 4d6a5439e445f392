import type { Claim, ExploreAxis } from '../claims/claim.ts';
import type { Profile } from '../claims/profile.ts';
import type { RunRecord } from '../claims/result.ts';
import { budgetFor } from '../claims/runClaim.ts';
import type { ComputeBackend } from '../compute/backend.ts';
import type { ResultCache } from '../cache/resultCache.ts';
import { type CorpusMode, saveCounterexample } from '../corpus/store.ts';
import type { ParameterSpec, ParameterValue } from '../parameters/parameter.ts';
import { createRng } from '../random/rng.ts';
import type { RegimeMap } from '../report/reportModel.ts';
import { createEvaluator } from './evaluator.ts';
import { exploreMap } from './exploreMap.ts';
import { placeParams } from './placement.ts';
import { type Sensitivity, sensitivityOf } from './sensitivity.ts';
import { shrinkFailure } from './shrink.ts';
import { type SearchSpace, targetedSearch } from './targetedSearch.ts';

/**
 * How much each profile spends: seeds per cell, refinement rounds, the most seeds an undecided
 * stochastic cell may draw (sequentially, until decided), targeted runs, failures analysed.
 */
export const exploreBudgets: Record<
  Profile,
  { seeds: number; refineRounds: number; maxSeeds: number; targetRuns: number; sensitivityFailures: number }
> = {
  smoke: { seeds: 2, refineRounds: 1, maxSeeds: 8, targetRuns: 10, sensitivityFailures: 1 },
  ci: { seeds: 4, refineRounds: 1, maxSeeds: 24, targetRuns: 30, sensitivityFailures: 2 },
  deep: { seeds: 10, refineRounds: 2, maxSeeds: 60, targetRuns: 200, sensitivityFailures: 4 },
};

/** What to map: a claim, two axes, fixed parameters, seeds, refinement and search budgets. */
export interface ExploreRequest {
  readonly claim: Claim<any, any>;
  readonly x: ExploreAxis;
  readonly y: ExploreAxis;
  readonly fixed: Readonly<Record<string, ParameterValue>>;
  readonly profile: Profile;
  readonly baseSeed: number;
  readonly backend: ComputeBackend;
  readonly cache: ResultCache;
  readonly seeds?: number;
  readonly refineRounds?: number;
  readonly maxSeeds?: number;
  readonly targetRuns?: number;
  readonly sensitivityFailures?: number;
  /** Date.now() after which no new run starts. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly corpus?: CorpusMode;
  readonly corpusDirectory?: string;
  readonly onRun?: (record: RunRecord) => void;
  readonly onPlan?: (plannedRuns: number) => void;
}

/** The pass-rate map, the targeted search, the shrunk failure and which parameters matter. */
export interface ExploreOutcome {
  readonly map: RegimeMap;
  readonly partial: boolean;
  readonly targeted: { runs: number; failure: RunRecord | null; bestMargins: number[] };
  /** The targeted failure shrunk to the simplest readable parameters. */
  readonly shrunk: RunRecord | null;
  readonly sensitivities: Sensitivity[];
  /** Corpus files written (existing ones are left as they are). */
  readonly saved: string[];
  readonly stats: { runs: number; computed: number };
}

/** The grids targeted search and shrinking move on: the axes, the fixed values, the claim's grids for the rest. */
export function searchSpace(
  claim: Claim<any, any>,
  x: ExploreAxis,
  y: ExploreAxis,
  fixed: Readonly<Record<string, ParameterValue>>,
): SearchSpace {
  const space: Record<string, readonly ParameterValue[]> = {};
  for (const [name, spec] of Object.entries(claim.domain as Record<string, ParameterSpec>)) {
    space[name] = name === x.name ? x.values : name === y.name ? y.values : name in fixed ? [fixed[name]] : spec.values;
  }
  return space;
}

/**
 * Where does a claim stop holding? The pass-rate map over x × y (refined at its boundary), a
 * targeted search for a failure steered by the run margin and shrunk to readable values, and, for
 * each failure, which parameters matter. Every run goes through the result cache.
 */
export async function explore(request: ExploreRequest): Promise<ExploreOutcome> {
  const { claim, x, y, fixed } = request;
  const started = performance.now();
  const defaults = exploreBudgets[request.profile];
  const budget = budgetFor(claim, request.profile);
  const deadline = request.deadline ?? Infinity;
  const shouldStop = () => Date.now() >= deadline || Boolean(request.signal?.aborted);
  const evaluate = createEvaluator(
    claim,
    request.backend,
    request.cache,
    Math.max(1, Math.min(budget.runTimeMs, deadline - Date.now())),
    request.onRun,
  );

  const mapped = await exploreMap({
    claim,
    x,
    y,
    fixed,
    seeds: request.seeds ?? defaults.seeds,
    baseSeed: request.baseSeed,
    refineRounds: request.refineRounds ?? defaults.refineRounds,
    maxSeeds: request.maxSeeds ?? defaults.maxSeeds,
    evaluate,
    shouldStop,
    onPlan: request.onPlan,
  });

  const space = searchSpace(claim, x, y, fixed);
  const targeted = await targetedSearch({
    space,
    evaluate,
    rng: createRng(`${request.baseSeed}/explore/target`),
    runs: request.targetRuns ?? defaults.targetRuns,
    shouldStop,
  });
  const shrunk = targeted.failure ? (await shrinkFailure(targeted.failure, space, evaluate, 200, shouldStop)).record : null;

  // Failures to analyse: the shrunk one, then failing runs right at the map's boundary.
  const failures: RunRecord[] = shrunk ? [shrunk] : [];
  for (const { a, b } of mapped.boundary) {
    for (const cell of [a, b]) {
      const failing = cell.records.find((r) => r.outcome === 'fail');
      if (failing && !failures.some((f) => JSON.stringify(f.params) === JSON.stringify(failing.params))) failures.push(failing);
    }
  }
  if (!failures.length) {
    const anyFailing = mapped.cells.flatMap((c) => c.records).find((r) => r.outcome === 'fail');
    if (anyFailing) failures.push(anyFailing);
  }
  const sensitivities: Sensitivity[] = [];
  for (const failure of failures.slice(0, request.sensitivityFailures ?? defaults.sensitivityFailures)) {
    if (shouldStop()) break;
    sensitivities.push(await sensitivityOf(failure, space, evaluate, 5, shouldStop));
  }

  const saved: string[] = [];
  if ((request.corpus ?? 'write') === 'write' && request.corpusDirectory) {
    for (const failure of shrunk ? [shrunk] : failures.slice(0, 1)) {
      const { regime, expected } = placeParams(claim, failure.params);
      const { path, written } = saveCounterexample(request.corpusDirectory, {
        claim,
        regime,
        expected,
        record: failure,
        backend: request.backend,
        fastCheck: null,
      });
      if (written) saved.push(path);
    }
  }

  const map: RegimeMap = {
    ...mapped.map,
    sensitivity: sensitivities.map(({ params, free, essential }) => ({ params, free, essential })),
    durationMs: performance.now() - started,
  };
  return { map, partial: mapped.partial || shouldStop(), targeted, shrunk, sensitivities, saved, stats: { ...evaluate.stats } };
}
