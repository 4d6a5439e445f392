import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { allClaims, findClaim } from '../../properties/index.ts';
import { ResultCache } from '../../src/cache/resultCache.ts';
import { defineClaim } from '../../src/claims/claim.ts';
import { runClaim, runOnce } from '../../src/claims/runClaim.ts';
import { availableBackends, getBackend } from '../../src/compute/backends.ts';
import type { BackendName } from '../../src/compute/backend.ts';
import { loadCorpus, readCounterexample, saveCounterexample } from '../../src/corpus/store.ts';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';
import { integers } from '../../src/parameters/parameter.ts';
import { thresholdClaim } from '../explore/fixtures/syntheticClaims.ts';

const backend = getBackend('float64');
const options = (dir: string) => ({
  profile: 'smoke' as const,
  seed: 1,
  backend: 'float64' as const,
  corpusDirectory: dir,
  cache: new ResultCache('memory', '', 'test'),
});

describe('the corpus is replayed first, inside the runner', () => {
  test('a counterexample found is stored, then replayed first on the next run and reported as still failing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-replay-'));
    const first = await runClaim(thresholdClaim, { ...options(dir), regime: 'large a and b' });
    expect(first.counterexample).not.toBeNull();
    expect(first.corpus).toEqual([]);
    const stored = loadCorpus(dir, thresholdClaim.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].file.params).toEqual(first.counterexample!.params);
    expect(stored[0].file.regime).toBe('large a and b');

    const second = await runClaim(thresholdClaim, { ...options(dir), regime: 'large a and b' });
    expect(second.corpus).toHaveLength(1);
    expect(second.corpus![0]).toMatchObject({ claimId: 'synthetic/threshold', stillFails: true, params: first.counterexample!.params });
    expect(second.corpus![0].detail).toContain('reproduced exactly');
    // The stored case is the first run of the search, as in Hypothesis's example database.
    expect(second.samples[0].params).toEqual(first.counterexample!.params);
    expect(second.counterexample!.params).toEqual(first.counterexample!.params);
    // Nothing new to write.
    expect(loadCorpus(dir, thresholdClaim.id)).toHaveLength(1);
  });

  test('a stored case still failing is trained once: the search takes the replayed run, with the same counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-replay-'));
    const first = await runClaim(thresholdClaim, { ...options(dir), regime: 'large a and b' });
    const stored = JSON.stringify(first.counterexample!.params);
    let trained = 0;
    const counting = defineClaim({
      ...thresholdClaim,
      measure: (params, context) => {
        if (JSON.stringify(params) === stored) trained++;
        return thresholdClaim.measure(params, context);
      },
    });
    // With the cache off, only the runner itself can avoid training the stored case again.
    const second = await runClaim(counting, { ...options(dir), regime: 'large a and b', cache: new ResultCache('off', '', 'test') });
    expect(second.corpus).toHaveLength(1);
    expect(second.samples[0].params).toEqual(first.counterexample!.params);
    expect(second.samples[0].outcome).toBe('fail');
    expect(second.counterexample!.params).toEqual(first.counterexample!.params);
    expect(second.runs).toBe(second.samples.filter((r) => !r.shrinking).length);
    expect(trained).toBe(1);
  });

  test('a stored case the code no longer fails is reported as such', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-replay-'));
    await runClaim(thresholdClaim, { ...options(dir), regime: 'large a and b' });
    const repaired = defineClaim({ ...thresholdClaim, holds: () => ({ pass: true, margin: 1 }) });
    const result = await runClaim(repaired, { ...options(dir), regime: 'large a and b' });
    expect(result.corpus).toHaveLength(1);
    expect(result.corpus![0].stillFails).toBe(false);
    expect(result.corpus![0].detail).toMatch(/no longer fails: pass/);
  });

  test('a stored holding-domain counterexample makes the holding domain fail at once; a probe is only reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-replay-'));
    const small = defineClaim({ ...thresholdClaim, domain: { ...thresholdClaim.domain, a: integers(0, 5), b: integers(0, 5) } });
    const failing = await runOnce(small, { a: 10, b: 10, c: 'u', seed: 3 }, backend, 1000);
    saveCounterexample(dir, { claim: small, regime: 'holding-domain', expected: 'holds', record: failing, backend, fastCheck: null });
    const probe = await runOnce(small, { a: 9, b: 10, c: 'v', seed: 3 }, backend, 1000);
    saveCounterexample(dir, { claim: small, regime: 'explore', expected: 'probe', record: probe, backend, fastCheck: null });
    const result = await runClaim(small, { ...options(dir), regime: 'holding-domain' });
    expect(result.verdict).toBe('fails');
    expect(result.asExpected).toBe(false);
    expect(result.counterexample!.params).toEqual({ a: 10, b: 10, c: 'u', seed: 3 });
    expect(result.corpus!.map((c) => c.stillFails)).toEqual([true, true]);
    expect(result.samples.some((s) => s.params.a === 9)).toBe(false);
  });

  test('corpus mode off neither replays nor writes; test claims never write into the committed corpus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-replay-'));
    const result = await runClaim(thresholdClaim, { ...options(dir), regime: 'large a and b', corpus: 'off' });
    expect(result.counterexample).not.toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    const saved = process.env.THEORYCHECK_CORPUS_DIR;
    delete process.env.THEORYCHECK_CORPUS_DIR;
    try {
      await runClaim(thresholdClaim, {
        profile: 'smoke',
        seed: 1,
        backend: 'float64',
        regime: 'large a and b',
        cache: new ResultCache('memory', '', 'test'),
      });
    } finally {
      if (saved !== undefined) process.env.THEORYCHECK_CORPUS_DIR = saved;
    }
    expect(existsSync(join(repositoryRoot, 'fixtures', 'counterexamples', 'synthetic'))).toBe(false);
  });
});

describe('the committed corpus', () => {
  const root = join(repositoryRoot, 'fixtures', 'counterexamples');
  const files = allClaims.flatMap((claim) => loadCorpus(root, claim.id));
  // Every stored case is replayed in every profile: all of them together take seconds on the native backend.
  const replayed = files;
  let reproduced = 0;

  test('every fixture file is valid and belongs to a registered claim', () => {
    const walk = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
          )
        : [];
    const all = walk(root);
    for (const path of all)
      expect(
        findClaim(readCounterexample(path).file.claimId),
        `${path} belongs to no registered claim: delete it, or move it to the claim's new id`,
      ).toBeDefined();
    expect(all.length).toBe(files.length);
  });

  // Exact reproduction is promised on the backend and device that found the case (float32 kernels
  // built with -march=native round differently on another CPU); others are skipped here, with the reason.
  const here = (f: (typeof files)[number]) =>
    availableBackends().includes(f.file.backend as BackendName) && getBackend(f.file.backend as BackendName).device === f.file.device;
  const named = (list: typeof files) => list.map((f) => [f.path.slice(root.length + 1), f] as const);
  test.skip.each(named(replayed.filter((f) => !here(f))))('%s (its backend or device is not the one here)', () => {});
  test.each(named(replayed.filter(here)))('%s reproduces its failure exactly on its backend', async (_name, { file }) => {
    const claim = findClaim(file.claimId)!;
    const record = await runOnce(claim, file.params as never, getBackend(file.backend as BackendName), 60_000);
    const fix = 'if the claim changed on purpose, run `npx theorycheck corpus --prune` to delete or refresh stored cases';
    expect(record.outcome, `the stored failure no longer occurs; ${fix}`).toBe('fail');
    expect(Object.is(record.margin, file.observed.margin), `margin ${record.margin}, stored ${file.observed.margin}; ${fix}`).toBe(true);
    reproduced++;
  });
  // The README's Reliability section quotes this count.
  afterAll(() =>
    process.stdout.write(
      `corpus replay: ${reproduced} of ${files.length} stored counterexamples reproduced exactly (${files.length - replayed.filter(here).length} on another backend or device, skipped)\n`,
    ),
  );
});
