import type { ClaimParameters, Measured, PaperReference, Provenance } from './claim.ts';
import type { Profile } from './profile.ts';
import type { CorpusReplay } from '../corpus/corpusReplay.ts';

/** The verdict of a claim regime. */
export type Verdict = 'holds' | 'fails' | 'inconclusive';
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
}
