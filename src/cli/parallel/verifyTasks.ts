import type { Claim } from '../../claims/claim.ts';
import type { ClaimResult, RunRecord } from '../../claims/result.ts';
import type { Study, StudyOutput } from '../../claims/study.ts';
import type { Profile } from '../../claims/profile.ts';
import { budgetFor, runClaim } from '../../claims/runClaim.ts';
import { type BackendRequest, getBackend } from '../../compute/backends.ts';
import type { CorpusMode } from '../../corpus/store.ts';
import type { RegistrySource } from '../project.ts';

/** What `verify` runs, one claim regime or one study at a time, in this process or in a worker. */
export type VerifyTask = (
  { readonly kind: 'claim'; readonly claimId: string; readonly regime: string } | { readonly kind: 'study'; readonly studyId: string }
) & {
  /** Tasks of one run group go to one worker, in order (the claim's or study's `runGroup`, else its id). */
  readonly group?: string;
};

/** The settings every task of one `verify` shares; plain data, so a worker process receives it as is. */
export interface VerifySettings {
  readonly profile: Profile;
  readonly seed: number;
  readonly backend: BackendRequest;
  /** --runs, overriding the profile. */
  readonly runs?: number;
  /** --alpha, the error bound of stochastic verdicts. */
  readonly alpha?: number;
  readonly corpus: CorpusMode;
  readonly corpusDirectory: string;
  /** Where a worker process gets the claims from (null: the claims cannot be loaded elsewhere, so one process runs them). */
  readonly registry: RegistrySource | null;
  /** Date.now() after which nothing may run (Infinity without --time-budget). */
  readonly suiteDeadline: number;
}

/** One claim regime, its budget clamped so that no claim outlives the suite budget. */
export function runClaimTask(
  claim: Claim<any, any>,
  regime: string,
  settings: VerifySettings,
  signal: AbortSignal,
  onRun?: (record: RunRecord) => void,
): Promise<ClaimResult> {
  const remaining = settings.suiteDeadline - Date.now();
  const budget = budgetFor(claim, settings.profile, settings.runs ? { runs: settings.runs } : {});
  return runClaim(claim, {
    profile: settings.profile,
    seed: settings.seed,
    backend: settings.backend,
    regime,
    alpha: settings.alpha,
    corpus: settings.corpus,
    corpusDirectory: settings.corpusDirectory,
    signal,
    budget: {
      ...budget,
      claimTimeMs: Math.max(1, Math.min(budget.claimTimeMs, remaining)),
      runTimeMs: Math.max(1, Math.min(budget.runTimeMs, remaining)),
    },
    onRun,
  });
}

/** One study (maps, reproduced experiments), at most 30 minutes and never past the suite budget; nothing once stopped. */
export async function runStudyTask(study: Study, settings: VerifySettings, signal: AbortSignal): Promise<StudyOutput> {
  if (signal.aborted) return {};
  return study.run({
    profile: settings.profile,
    seed: settings.seed,
    backend: getBackend(settings.backend),
    deadline: Math.min(settings.suiteDeadline, Date.now() + 30 * 60_000),
    signal,
  });
}
