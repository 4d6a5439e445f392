/** A claim regime's standing, as the summaries count it. */
export interface CountedResult {
  readonly asExpected: boolean;
  readonly stoppedBy?: string;
}

/**
 * How many regimes came out as expected, how many did not, and how many the run's stop (a
 * signal, the time budget) cut short with nothing unexpected seen: those are "interrupted",
 * never "as expected". A regime that went wrong before the stop still counts as unexpected.
 */
export function countOutcomes(results: readonly CountedResult[]): { asExpected: number; unexpected: number; interrupted: number } {
  let asExpected = 0;
  let unexpected = 0;
  let interrupted = 0;
  for (const r of results) {
    if (!r.asExpected) unexpected++;
    else if (r.stoppedBy) interrupted++;
    else asExpected++;
  }
  return { asExpected, unexpected, interrupted };
}
