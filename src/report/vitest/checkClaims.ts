import { describe, expect, test } from 'vitest';
import type { Claim } from '../../claims/claim.ts';
import type { ClaimResult } from '../../claims/result.ts';
import { budgetFor, regimesOf, runClaim } from '../../claims/runClaim.ts';
import { readEnvironment } from '../../config/environment.ts';
import { getBackend } from '../../compute/backends.ts';
import type { Study } from '../../claims/study.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** The claim result, read by the theorycheck reporter. */
    theorycheck?: ClaimResult;
  }
}

/**
 * One vitest test per claim regime: the holding domain must not fail, every `must-fail` regime
 * must produce a counterexample, examples must come out as stated. The result rides on the
 * task's metadata to the reporter.
 */
export function checkClaims(claims: readonly Claim<any, any>[]): void {
  const { profile, seed, backend, corpus, corpusDirectory } = readEnvironment();
  for (const claim of claims) {
    describe(claim.id, () => {
      const budget = budgetFor(claim, profile);
      for (const regime of regimesOf(claim, profile)) {
        test(regime, { timeout: budget.claimTimeMs * 2 + budget.runTimeMs * 4 + 10_000 }, async ({ task }) => {
          const result = await runClaim(claim, {
            profile,
            seed,
            backend,
            regime,
            corpus,
            corpusDirectory,
            sink: (r) => {
              task.meta.theorycheck = r;
            },
          });
          const summary = `${claim.id} [${regime}]: verdict ${result.verdict}, ${result.passes}/${result.runs} passed${result.finding ? `; ${result.finding}` : ''}`;
          expect(result.errors, summary).toBe(0);
          expect(result.asExpected, summary).toBe(true);
        });
      }
    });
  }
}

/** One vitest test per study; its maps and experiments ride on the task's metadata to the reporter. */
export function checkStudies(studies: readonly Study[], timeoutMs = 240_000): void {
  const environment = readEnvironment();
  const { profile, seed } = environment;
  const backend = getBackend(environment.backend);
  for (const study of studies) {
    test.runIf(study.profiles.includes(profile))(`study ${study.id}`, { timeout: timeoutMs + 10_000 }, async ({ task }) => {
      const output = await study.run({ profile, seed, backend, deadline: Date.now() + timeoutMs });
      task.meta.theorycheckMaps = output.maps ?? [];
      task.meta.theorycheckExperiments = output.experiments ?? [];
      study.check?.(output);
      expect((output.maps?.length ?? 0) + (output.experiments?.length ?? 0), `study ${study.id} produced nothing`).toBeGreaterThan(0);
    });
  }
}
