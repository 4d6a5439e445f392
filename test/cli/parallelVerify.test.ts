import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { claimsByPaper, studiesByPaper } from '../../properties/index.ts';
import { regimesOf } from '../../src/claims/runClaim.ts';
import { defaultJobs, runVerifyPlan } from '../../src/cli/parallel/runVerifyPlan.ts';
import { runTasksInParallel } from '../../src/cli/parallel/pool.ts';
import type { VerifySettings } from '../../src/cli/parallel/verifyTasks.ts';
import { computeThreads } from '../../src/compute/threads.ts';

const saved = { cache: process.env.THEORYCHECK_CACHE, corpus: process.env.THEORYCHECK_CORPUS };
beforeAll(() => {
  // Fresh runs in every process (no disk cache to hand one process the other's work), corpus untouched.
  process.env.THEORYCHECK_CACHE = 'memory';
  process.env.THEORYCHECK_CORPUS = 'read';
});
afterAll(() => {
  for (const [key, value] of [
    ['THEORYCHECK_CACHE', saved.cache],
    ['THEORYCHECK_CORPUS', saved.corpus],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Everything in a result but the wall-clock fields. */
const comparable = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(comparable)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => k !== 'durationMs' && k !== 'cached')
            .map(([k, v]) => [k, comparable(v)]),
        )
      : value;

describe('verify over worker processes', () => {
  const claims = claimsByPaper.timor2022;
  const plan = claims.flatMap((claim) => regimesOf(claim, 'smoke').map((regime) => ({ claim, regime })));
  const studies = studiesByPaper.timor2022.filter((s) => s.profiles.includes('smoke'));
  // Workers load the same built-in registry the CLI's host names; the corpus stays off (no directory named).
  const registry = { kind: 'builtin', module: pathToFileURL(resolve('properties/index.ts')).href } as const;
  const settings: VerifySettings = {
    profile: 'smoke',
    seed: 7,
    backend: 'fast',
    corpus: 'off',
    corpusDirectory: '',
    registry,
    suiteDeadline: Infinity,
  };

  it('two workers write the same results, in the same order, as one process', { timeout: 120_000 }, async () => {
    const run = (jobs: number) =>
      runVerifyPlan(plan, studies, { jobs, settings, signal: new AbortController().signal, onRun: () => {}, onClaimsDone: () => {} });
    const one = await run(1);
    const labels: string[] = [];
    // Longest first by a made-up estimate, so the finishing order differs from the plan's.
    const two = await runVerifyPlan(plan, studies, {
      jobs: 2,
      settings,
      signal: new AbortController().signal,
      estimate: (t) => (t.kind === 'claim' ? t.regime.length : 0),
      onRun: (label) => labels.push(label),
      onClaimsDone: () => {},
    });
    expect(two.results.map((r) => `${r.id} [${r.regime}]`)).toEqual(plan.map(({ claim, regime }) => `${claim.id} [${regime}]`));
    expect(comparable(two.results)).toEqual(comparable(one.results));
    expect(comparable(two.maps)).toEqual(comparable(one.maps));
    expect(comparable(two.experiments)).toEqual(comparable(one.experiments));
    expect(labels.length).toBeGreaterThan(0);
  });

  it('a stopped run still returns every task, interrupted, from the workers', { timeout: 120_000 }, async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await runVerifyPlan(plan, studies, {
      jobs: 2,
      settings,
      signal: controller.signal,
      onRun: () => {},
      onClaimsDone: () => {},
    });
    expect(out.results).toHaveLength(plan.length);
    expect(out.results.every((r) => r.interrupted)).toBe(true);
    expect(out.maps).toEqual([]);
  });

  it('defaults to one process for a short plan and to the cores for a long one', () => {
    expect(defaultJobs(plan, 'smoke')).toBe(1);
    expect(defaultJobs(plan, 'ci', () => 100)).toBe(1);
    expect(defaultJobs(plan, 'smoke', () => 60_000)).toBe(computeThreads());
    expect(defaultJobs(plan, 'ci')).toBe(computeThreads());
  });

  it('hands the tasks of one run group to one worker, in plan order', { timeout: 120_000 }, async () => {
    const tasks = plan
      .slice(0, 6)
      .map(({ claim, regime }, i) => ({ kind: 'claim' as const, claimId: claim.id, regime, group: i % 2 ? 'odd' : `own-${i}` }));
    const started: { index: number; worker: number }[] = [];
    const values = await runTasksInParallel(tasks, {
      jobs: 2,
      settings,
      signal: new AbortController().signal,
      onStart: (task, worker) => started.push({ index: tasks.indexOf(task as (typeof tasks)[number]), worker }),
    });
    expect(values).toHaveLength(6);
    const odd = started.filter((s) => s.index % 2 === 1);
    expect(new Set(odd.map((s) => s.worker)).size).toBe(1);
    expect(odd.map((s) => s.index)).toEqual([1, 3, 5]);
  });

  it('runs in one process when the registry cannot be rebuilt in a worker', { timeout: 120_000 }, async () => {
    const out = await runVerifyPlan(plan.slice(0, 2), [], {
      jobs: 2,
      settings: { ...settings, registry: null },
      signal: new AbortController().signal,
      onRun: () => {},
      onClaimsDone: () => {},
    });
    expect(out.results).toHaveLength(2);
  });
});
