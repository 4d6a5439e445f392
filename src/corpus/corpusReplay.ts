/**
 * Status of one stored counterexample replayed before a run. Its own module, so a claim result
 * (claims/result.ts) and the report model (report/reportModel.ts) both name it without importing
 * each other.
 */
export interface CorpusReplay {
  readonly claimId: string;
  readonly file: string;
  readonly stillFails: boolean;
  readonly params: Record<string, unknown>;
  readonly detail?: string;
}
