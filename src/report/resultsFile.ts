import type { ClaimResult } from '../claims/result.ts';
import type { ResultsFile } from './reportModel.ts';

/** Sorted so that sharded and merged runs give the same file. */
export function sortResults(results: readonly ClaimResult[]): ClaimResult[] {
  return [...results].sort((a, b) => a.id.localeCompare(b.id) || a.regime.localeCompare(b.regime));
}

/** results.json's text: the claims sorted, one space of indentation (the files get large). */
export function resultsJson(file: ResultsFile): string {
  return `${JSON.stringify({ ...file, claims: sortResults(file.claims) }, null, 1)}\n`;
}
