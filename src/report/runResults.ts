import type { ClaimResult, SuiteStop } from '../claims/result.ts';
import type { Profile } from '../claims/profile.ts';
import { type BackendEntry, backendEntry, backendsOf, collectProvenance } from './provenance.ts';
import type { ExperimentReport, RegimeMap, ResultsFile } from './reportModel.ts';

export interface RunResultsInput {
  readonly claims: readonly ClaimResult[];
  readonly maps?: readonly RegimeMap[];
  readonly experiments?: readonly ExperimentReport[];
  readonly profile: Profile;
  readonly seed: number;
  /** The backend(s) the run resolved, carrying any fallback reason into the provenance. */
  readonly backends: readonly { readonly name: string; readonly device: string; readonly fallbackReason?: string }[];
  readonly startedAt: Date;
  readonly partial: boolean;
  readonly stoppedBy?: SuiteStop;
  readonly command: string;
}

/**
 * The results file of one run (`verify` and the vitest reporter alike): the claims, maps and
 * experiments, the stored counterexamples each claim replayed first (`corpus`), and provenance
 * naming the backends that actually ran. With no claims (a study-only run) the resolved backends
 * themselves are recorded.
 */
export function runResultsFile(input: RunResultsInput): ResultsFile {
  const resolved: BackendEntry[] = input.backends.map(backendEntry);
  return {
    claims: [...input.claims],
    maps: [...(input.maps ?? [])],
    experiments: [...(input.experiments ?? [])],
    corpus: input.claims.flatMap((claim) => claim.corpus ?? []),
    provenance: collectProvenance({
      profile: input.profile,
      seed: input.seed,
      backends: input.claims.length ? backendsOf(input.claims, resolved) : resolved,
      startedAt: input.startedAt,
      partial: input.partial,
      stoppedBy: input.stoppedBy,
      command: input.command,
    }),
  };
}
