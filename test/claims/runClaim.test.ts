import { describe, expect, test } from 'vitest';
import { defineClaim } from '../../src/claims/claim.ts';
import { runClaim } from '../../src/claims/runClaim.ts';
import { ResultCache } from '../../src/cache/resultCache.ts';
import { grid } from '../../src/parameters/parameter.ts';

// A stochastic claim whose pass probability depends on one parameter: q = 4 always passes, q = 3 passes with `rate3`.
const coin = (rate3: number, runs: number) =>
  defineClaim({
    id: `sequential/coin-${rate3}`,
    paper: { id: 'sequential', arxiv: 'n/a', title: 'sequential verdicts', authors: 'theorycheck' },
    title: 'a coin',
    statement: 'passes at least 80% of the time',
    provenance: { kind: 'derived', source: 'test' },
    conditions: [],
    domain: { q: grid([3, 4]), width: grid([1, 2]) },
    passCondition: 'the draw is below the pass probability',
    kind: 'stochastic',
    threshold: 0.8,
    failureRegimes: [{ name: 'q = 3 only', why: 'the weak half', domain: { q: grid([3]) }, expectation: 'probe' }],
    budgets: { ci: { runs, minRuns: 10 } },
    measure: (params, { rng }) => ({ draw: rng.uniform(), p: params.q === 4 ? 1 : rate3 }),
    holds: (m) => ({ pass: m.draw < m.p, margin: m.p - m.draw }),
  });
const options = { profile: 'ci' as const, backend: 'float64' as const, corpus: 'off' as const };

describe('runClaim: sequential stopping', () => {
  test('a clear-cut regime stops as soon as it is decided, and says so', async () => {
    const result = await runClaim(coin(1, 200), { ...options, cache: new ResultCache('memory', '', 'test') });
    expect(result.verdict).toBe('holds');
    expect(result.runs).toBe(20);
    expect(result.stopReason).toBe('decided');
    expect(result.interrupted).toBe(false);
    expect(result.sequential).toEqual({ alpha: 0.05, minRuns: 10, maxRuns: 200, runsNeeded: 20 });
    expect(result.breakdown!.map((b) => b.name).sort()).toEqual(['q', 'width']);
  });

  test('an undecidable regime runs to its cap, is inconclusive, names the parameter its misses come from, and is deterministic', async () => {
    const run = () => runClaim(coin(0.6, 60), { ...options, cache: new ResultCache('memory', '', 'test') });
    const [a, b] = [await run(), await run()];
    expect(a.verdict).toBe('inconclusive');
    expect(a.stopReason).toBe('run cap');
    expect(a.runs).toBe(60);
    expect(a.sequential!.runsNeeded).toBeNull();
    expect(a.dependence).toHaveLength(1);
    expect(a.dependence![0]).toMatch(/^depends on q: q=3 \d+\/\d+, q=4 (\d+)\/\1$/);
    expect(a.finding).toContain(a.dependence![0]);
    expect(b.samples.map((s) => s.params)).toEqual(a.samples.map((s) => s.params));
    expect(b.passes).toBe(a.passes);
  });

  test('a clearly failing regime fails early; a failure regime is still a counterexample search', async () => {
    const failing = await runClaim(coin(0, 200), { ...options, cache: new ResultCache('memory', '', 'test') });
    expect(failing.verdict).toBe('fails');
    expect(failing.stopReason).toBe('decided');
    expect(failing.runs).toBeLessThan(200);
    const probe = await runClaim(coin(0.3, 200), { ...options, regime: 'q = 3 only', cache: new ResultCache('memory', '', 'test') });
    expect(probe.counterexample).not.toBeNull();
    expect(probe.verdict).toBe('fails');
    expect(probe.sequential).toBeUndefined();
  });

  test('bad run settings are refused before any run', async () => {
    await expect(runClaim(coin(1, 20), { ...options, budget: { runs: 0 } })).rejects.toThrow(/invalid runs: 0/);
    await expect(runClaim(coin(1, 20), { ...options, alpha: 2 })).rejects.toThrow(/invalid alpha: 2/);
    await expect(runClaim({ ...coin(1, 20), threshold: 1.5 }, options)).rejects.toThrow(/invalid threshold of sequential\/coin-1: 1.5/);
  });
});
