import type { ClaimParameters, Measured, PaperReference, Provenance } from './claim.ts';
import type { Profile } from './profile.ts';
import type { CorpusReplay } from '../corpus/corpusReplay.ts';

/** The verdict of a claim regime. */
export type Verdict = 'holds' | 'fails' | 'inconclusive';
/** Why a regime's runs stopped: its verdict was decided (or a counterexample found), the run cap, the time limit, or the signal (SIGINT, suite budget). */
export type StopReason = 'decided' | 'run cap' | 'time limit' | 'stopped';
/** How one run came out; diverged, timed-out and error runs count as neither pass nor fail. */
export type RunOutcome = 'pass' | 'fail' | 'diverged' | 'timeout' | 'error';

/** One training/measurement run, as the report needs it. */
export interface RunRecord {
  readonly params: ClaimParameters & { seed: number };
  readonly outcome: RunOutcome;
  readonly margin: number | null;
  readonly detail?: string;
  readonly measured: Measured | null;
  readonly durationMs: number;
  /** Runs made while fast-check shrank a counterexample are marked, so statistics can leave them out. */
  readonly shrinking: boolean;
}

/** A failing run, shrunk by fast-check, with the one line that reproduces it. */
export interface Counterexample {
  readonly params: ClaimParameters & { seed: number };
  readonly measured: Measured | null;
  readonly detail?: string;
  /** One line that reproduces this failure exactly. */
  readonly replay: string;
  /** fast-check's own seed and path, to replay the search itself. */
  readonly fastCheck: { seed: number; path: string | null } | null;
  readonly shrinks: number;
}

/** The result of checking one claim over one regime (its holding domain or a failure regime). */
export interface ClaimResult {
  readonly id: string;
  readonly paper: PaperReference;
  readonly title: string;
  readonly statement: string;
  readonly provenance: Provenance;
  readonly conditions: readonly string[];
  readonly passCondition: string;
  readonly kind: 'deterministic' | 'stochastic';
  /** `holding-domain`, an example name (`example:<name>`) or a failure regime's name. */
  readonly regime: string;
  readonly regimeWhy: string | null;
  /** The domain actually searched, as readable grids. */
  readonly domain: Record<string, string>;
  /** What the claim says should happen here. */
  readonly expected: 'holds' | 'fails' | 'probe';
  readonly verdict: Verdict;
  /** Whether the verdict matches `expected` (probes always count as expected). */
  readonly asExpected: boolean;
  /** A sentence a reader should not miss ("expected failure not observed", timeouts, divergence). */
  readonly finding: string | null;
  readonly runs: number;
  readonly passes: number;
  readonly failures: number;
  readonly diverged: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly passRate: number | null;
  readonly interval: [number, number] | null;
  readonly threshold: number;
  readonly seed: number;
  readonly counterexample: Counterexample | null;
  readonly durationMs: number;
  readonly backend: string;
  readonly device: string;
  readonly profile: Profile;
  /** The claim's time limit ended the search before its planned runs. */
  readonly interrupted: boolean;
  readonly samples: readonly RunRecord[];
  /** The stored counterexamples of this regime replayed before the search, and whether each still fails. */
  readonly corpus?: readonly CorpusReplay[];
  /** Why the runs stopped (results written before sequential verdicts lack it). */
  readonly stopReason?: StopReason;
  /** A stochastic holding domain's sequential rule: α, the run bounds, and the runs its verdict needed (null: undecided). */
  readonly sequential?: { readonly alpha: number; readonly minRuns: number; readonly maxRuns: number; readonly runsNeeded: number | null };
  /** A stochastic holding domain's pass rate per value of each drawn parameter. */
  readonly breakdown?: readonly ParameterBreakdown[];
  /** The parameters whose values differ significantly in pass rate, in words ("depends on q: q=3 7/12, q=4 30/30"). */
  readonly dependence?: readonly string[];
}

/** Passes and runs (pass or fail only) at one value of one drawn parameter. */
export interface ValuePassRate {
  readonly value: string;
  readonly passes: number;
  readonly runs: number;
  /** The anytime-valid interval of src/claims/confidenceSequence.ts at the regime's α. */
  readonly interval: [number, number];
  /** Holm-adjusted p-value of Fisher's exact test of this value against all other values. */
  readonly adjustedP: number | null;
}

export interface ParameterBreakdown {
  readonly name: string;
  readonly values: readonly ValuePassRate[];
  /** Some value's pass rate differs from the rest's at level α after the Holm correction. */
  readonly significant: boolean;
}
