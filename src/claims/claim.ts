import type { ComputeBackend } from '../compute/backend.ts';
import type { Domain, ParameterValue } from '../parameters/parameter.ts';
import type { Rng } from '../random/rng.ts';
import type { RunStatus } from '../training/trainingStatus.ts';
import { assertClaim } from './validateClaim.ts';
import type { Profile, RunBudget } from './profile.ts';

export type { RunBudget } from './profile.ts';

/** A run's parameters, by name. */
export type ClaimParameters = Record<string, ParameterValue>;

/** What a measurement returns: named numbers (and small arrays for charts), nothing else. */
export type MeasuredValue = number | boolean | string | null | number[] | number[][];
/** What `measure` returns: named values, plus the training status when it trained. */
export type Measured = Record<string, MeasuredValue> & {
  /** Training outcome; a diverged or timed-out run is judged by the runner, not by `holds`. */
  status?: RunStatus;
  divergedAt?: number | null;
};

/** The paper a claim comes from. */
export interface PaperReference {
  /** Short id used in claim ids and folders: zhang2025, timor2022, zhong2017. */
  readonly id: string;
  readonly arxiv: string;
  readonly title: string;
  readonly authors: string;
  /** Section, theorem or figure, when known. */
  readonly where?: string;
  /** Where the paper comes in the report (the research notes number them 1, 2, 3). */
  readonly order?: number;
  /** Claim charts that are among the paper's headline figures in the report (maps and experiments mark themselves). */
  readonly headlines?: readonly HeadlineChart[];
}

/** One chart of one claim regime, shown near the top of the report with a one-line caption. */
export interface HeadlineChart {
  readonly claim: string;
  readonly regime: string;
  /** The chart's title as the report draws it (e.g. `Stable rank against noise level`). */
  readonly chart: string;
  readonly caption: string;
  readonly order?: number;
}

/**
 * Where a claim's wording and thresholds come from. The papers' full texts were not available,
 * so most claims test a reconstruction; the report says which.
 */
export interface Provenance {
  readonly kind: 'quoted' | 'reconstructed' | 'derived' | 'simulated';
  /** What was quoted, or what the reconstruction rests on (e.g. "research notes §5 P1-C4"). */
  readonly source: string;
}

/** A region of parameters where the claim should not hold, and why. */
export interface FailureRegime<P extends ClaimParameters> {
  readonly name: string;
  /** One sentence: why the claim should not hold here. */
  readonly why: string;
  /** Overrides of the holding domain that define the regime. */
  readonly domain: Partial<Domain<P>>;
  /**
   * `must-fail`: the harness must find a counterexample here (the test asserts it).
   * `probe`: searched and reported, not asserted (the failure is a hypothesis of the notes).
   */
  readonly expectation?: 'must-fail' | 'probe';
  /** This regime's run group, when it shares its process's cache with other regimes than the claim's (default: the claim's). */
  readonly runGroup?: string;
}

/** A fixed run that always executes, expected to hold or to fail. */
export interface ClaimExample<P extends ClaimParameters> {
  readonly name: string;
  readonly params: P & { seed: number };
  /** Whether the claim is expected to hold on this example. */
  readonly expect: 'holds' | 'fails';
  /** Examples that need more time than a CI profile gives run only in these profiles. */
  readonly profiles?: readonly Profile[];
  /** This example's run group, when it shares its process's cache with other regimes than the claim's (default: the claim's). */
  readonly runGroup?: string;
}

/** What `holds` returns: pass or fail, with a signed margin. */
export interface Judgement {
  readonly pass: boolean;
  /**
   * Signed distance from the pass threshold, positive when passing. Feeds targeted search and
   * regime maps, so it should be in the measured quantity's units (or a ratio of them).
   */
  readonly margin: number;
  readonly detail?: string;
}

/** What `measure` gets beside the parameters: the run's stream, seed, backend and deadline. */
export interface MeasureContext {
  /** A stream derived from the run's seed; fork it per purpose (data, init, test set). */
  readonly rng: Rng;
  readonly seed: number;
  readonly backend: ComputeBackend;
  /** Date.now() after which the measurement should stop (training returns status `timeout`). */
  readonly deadline: number;
}

/** A claim of a paper as a property: domain, failure regimes, measurement and pass condition. */
export interface Claim<P extends ClaimParameters = ClaimParameters, M extends Measured = Measured> {
  /** `<paper>/<slug>`, e.g. `zhang2025/filter-rank-robust`. */
  readonly id: string;
  readonly paper: PaperReference;
  readonly title: string;
  /** The claim in the paper's words, or in ours where the paper's are not known. */
  readonly statement: string;
  readonly provenance: Provenance;
  /** The conditions under which the claim is stated, in words. */
  readonly conditions: readonly string[];
  /** The parameter domain where the claim is expected to hold. */
  readonly domain: Domain<P>;
  /** The pass condition, in words (the report shows it beside the verdict). */
  readonly passCondition: string;
  /** Deterministic: one failure is a counterexample. Stochastic: a pass rate against `threshold`. */
  readonly kind: 'deterministic' | 'stochastic';
  /** The pass rate a stochastic claim promises (default 1 for deterministic claims). */
  readonly threshold?: number;
  /** Error bound of the sequential verdict: a decided stochastic verdict is wrong with probability ≤ α (default 0.05). */
  readonly alpha?: number;
  readonly failureRegimes: readonly FailureRegime<NoInfer<P>>[];
  readonly examples?: readonly ClaimExample<NoInfer<P>>[];
  /**
   * Regimes of claims and studies with the same run group run in one process, one after another,
   * so that they share what that process caches (trained runs, located boundaries); `verify`
   * spreads groups, not regimes, over its workers. Default: the claim's own id. A failure regime
   * or an example can name its own (runGroupOf).
   */
  readonly runGroup?: string;
  /** Per-profile budgets; missing entries take the profile's defaults. */
  readonly budgets?: Partial<Record<Profile, Partial<RunBudget>>>;
  /** Builds data, trains, returns the measured quantities. */
  measure(params: P & { seed: number }, context: MeasureContext): M | Promise<M>;
  /** The pass condition, with its margin. */
  holds(measured: M, params: P & { seed: number }): Judgement;
  /** What a diverged training run means for this claim (default: the run fails). */
  readonly onDiverged?: 'fail' | 'discard';
  /**
   * Optional: the claim's stated conditions as curves in the plane of two parameters, for the
   * regime explorer to draw on its map (e.g. the noise level at which the theorem's condition
   * σp√d ≤ C·σ0 stops being met). Return [] for a pair of axes the conditions do not involve.
   */
  conditionCurves?(x: ExploreAxis, y: ExploreAxis, rest: Readonly<Record<string, ParameterValue>>): ConditionCurve[];
}

/** One axis of a regime map, as the explorer hands it to `conditionCurves`. */
export interface ExploreAxis {
  readonly name: string;
  readonly values: readonly ParameterValue[];
}

/** A labelled polyline in (x, y) parameter units. */
export interface ConditionCurve {
  readonly label: string;
  readonly points: { x: number; y: number }[];
}

/**
 * Defines a claim: keeps its parameter and measurement types checked, and rejects at once (an
 * InputError naming the field) an object missing `id`, `domain`, `measure`, `holds`, `kind` or
 * `failureRegimes`, which plain JavaScript callers could otherwise pass.
 */
export function defineClaim<P extends ClaimParameters, M extends Measured>(claim: Claim<P, M>): Claim<P, M> {
  assertClaim(claim);
  return claim;
}
