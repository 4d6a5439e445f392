import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findClaim } from '../../properties/index.ts';
import { runOnce } from '../../src/claims/runClaim.ts';
import { getBackend } from '../../src/compute/backends.ts';
import type { ClaimResult } from '../../src/claims/result.ts';
import { spawnCli } from '../helpers/spawnCli.ts';

describe('time bounds', () => {
  // A run that hits its budget stops (training returns `timeout`) and is counted as such, never as a pass.
  test('no single run outlives its budget: a long training run stops at its deadline as a timeout', async () => {
    const claim = findClaim('zhang2025/converges-and-generalizes')!;
    const params = {
      ...Object.fromEntries(Object.entries(claim.domain).map(([k, spec]) => [k, (spec as { values: readonly unknown[] }).values.at(-1)])),
      seed: 3,
    } as never;
    const budgetMs = 300;
    const record = await runOnce(claim, params, getBackend('float64'), budgetMs);
    expect(record.outcome).toBe('timeout');
    // One training step and the final measurement may follow the deadline, nothing more.
    expect(record.durationMs).toBeLessThan(budgetMs + 2_000);
  });

  test(
    'verify --time-budget ends within the budget plus a small margin and marks unfinished claims inconclusive',
    { timeout: 90_000 },
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'theorycheck-budget-'));
      const budgetS = 6;
      const started = Date.now();
      const { code, stdout } = await spawnCli(
        ['verify', '--paper', 'zhang2025', '--profile', 'deep', '--time-budget', `${budgetS}s`, '--out', out],
        {
          THEORYCHECK_CACHE: 'off',
          THEORYCHECK_CORPUS_DIR: mkdtempSync(join(tmpdir(), 'theorycheck-budget-corpus-')),
        },
      );
      const elapsedS = (Date.now() - started) / 1000;
      // Margin: process start-up (tsx, loading the claims) and writing the report.
      expect(elapsedS, stdout).toBeLessThan(budgetS + 12);
      expect([0, 1]).toContain(code);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
        claims: ClaimResult[];
        provenance: { partial: boolean };
      };
      expect(results.provenance.partial).toBe(true);
      const unfinished = results.claims.filter((c) => c.interrupted);
      expect(unfinished.length).toBeGreaterThan(0);
      for (const c of unfinished)
        expect(c.verdict === 'inconclusive' || c.verdict === 'fails', `${c.id} [${c.regime}] was cut short but reads ${c.verdict}`).toBe(
          true,
        );
      // A regime the suite never reached is inconclusive and says why, not an unexpected verdict.
      for (const c of unfinished.filter((c) => c.runs === 0)) {
        expect(c.verdict).toBe('inconclusive');
        expect(c.finding).toMatch(/stopped|time limit/);
      }
      expect(stdout).toMatch(/\(partial run: stopped by the time budget\)/);
    },
  );
});
