import type fc from 'fast-check';
import type { ClaimResult } from './result.ts';

/**
 * The fast-check plugin through which a claim's result leaves the property run: when all runs
 * are complete it turns fast-check's run details into a ClaimResult and hands it to the sink
 * (vitest task metadata, or the `verify` command's collector).
 */
export function claimResultPlugin<Ts>(
  build: (details: fc.RunDetails<Ts>) => ClaimResult,
  sink: (result: ClaimResult) => void,
): fc.Plugin<Ts> {
  return () => ({
    onAllRunsComplete(details) {
      sink(build(details));
    },
  });
}
