import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ResultCache } from '../../src/cache/resultCache.ts';
import { canonicalJson, parseCanonicalJson } from '../../src/cache/canonicalJson.ts';
import { engineVersion } from '../../src/cache/engineVersion.ts';
import { runOnce } from '../../src/claims/runClaim.ts';
import { getBackend } from '../../src/compute/backends.ts';
import { measureCalls, thresholdClaim } from '../explore/fixtures/syntheticClaims.ts';

const backend = getBackend('float64');
const run = (cache: ResultCache, params: { a: number; b: number; c: 'u' | 'v' | 'w'; seed: number }) =>
  cache.through(thresholdClaim, params, backend, () => runOnce(thresholdClaim, params, backend, 1000));

describe('the result cache', () => {
  test('the same (claim, params, seed, backend, engine) trains once, in memory and across processes on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-cache-'));
    const first = new ResultCache('disk', dir, 'v1');
    const before = measureCalls.threshold;
    const a = await run(first, { a: 3, b: 4, c: 'u', seed: 1 });
    const b = await run(first, { c: 'u', b: 4, a: 3, seed: 1 });
    expect(measureCalls.threshold - before).toBe(1);
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect(b.margin).toBe(a.margin);
    // A new cache on the same folder (another process) reads it from disk.
    const second = new ResultCache('disk', dir, 'v1');
    expect((await run(second, { a: 3, b: 4, c: 'u', seed: 1 })).cached).toBe(true);
    expect(measureCalls.threshold - before).toBe(1);
    expect(readdirSync(dir).length).toBe(1);
    // Another seed, another engine version, or memory-only / off modes compute again.
    expect((await run(second, { a: 3, b: 4, c: 'u', seed: 2 })).cached).toBe(false);
    expect((await run(new ResultCache('disk', dir, 'v2'), { a: 3, b: 4, c: 'u', seed: 1 })).cached).toBe(false);
    expect((await run(new ResultCache('memory', dir, 'v1'), { a: 3, b: 4, c: 'u', seed: 1 })).cached).toBe(false);
    const off = new ResultCache('off', dir, 'v1');
    await run(off, { a: 3, b: 4, c: 'u', seed: 1 });
    expect((await run(off, { a: 3, b: 4, c: 'u', seed: 1 })).cached).toBe(false);
    expect(measureCalls.threshold - before).toBe(6);
  });

  test('a tampered or special cache file is a miss (the run is recomputed), never a wrong record or a hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-cache-'));
    const params = { a: 3, b: 4, c: 'u' as const, seed: 7 };
    const first = await run(new ResultCache('disk', dir, 'v1'), params);
    const path = (new ResultCache('disk', dir, 'v1') as unknown as { pathOf(key: string): string }).pathOf(
      new ResultCache('disk', dir, 'v1').key(thresholdClaim.id, params, backend.name),
    );
    for (const tamper of [
      () => writeFileSync(path, canonicalJson({ ...first, outcome: 'maybe' })),
      () => writeFileSync(path, '{'),
      () => (rmSync(path), execFileSync('mkfifo', [path])),
    ]) {
      tamper();
      const before = measureCalls.threshold;
      const again = await run(new ResultCache('disk', dir, 'v1'), params);
      expect(again.cached).toBe(false);
      expect(again.outcome).toBe(first.outcome);
      expect(measureCalls.threshold - before).toBe(1);
    }
  });

  test('keys differ by backend and claim', () => {
    const cache = new ResultCache('memory', '', 'v1');
    const params = { a: 1, seed: 0 };
    expect(cache.key('p/x', params, 'float64')).not.toBe(cache.key('p/x', params, 'native'));
    expect(cache.key('p/x', params, 'float64')).not.toBe(cache.key('p/y', params, 'float64'));
    expect(cache.key('p/x', { seed: 0, a: 1 }, 'float64')).toBe(cache.key('p/x', params, 'float64'));
  });

  test('timeouts and errors are not cached', async () => {
    const cache = new ResultCache('memory', '', 'v1');
    let calls = 0;
    const timeout = async () => (
      calls++,
      { params: { seed: 0 }, outcome: 'timeout' as const, margin: null, measured: null, durationMs: 1, shrinking: false }
    );
    await cache.through(thresholdClaim, { seed: 0 } as never, backend, timeout);
    await cache.through(thresholdClaim, { seed: 0 } as never, backend, timeout);
    expect(calls).toBe(2);
  });

  test('canonical JSON sorts keys and keeps non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: [Infinity, { d: NaN, c: -Infinity }] })).toBe(
      '{"a":[{"$number":"Infinity"},{"c":{"$number":"-Infinity"},"d":{"$number":"NaN"}}],"b":1}',
    );
    expect(parseCanonicalJson(canonicalJson({ m: -Infinity, n: [NaN] }))).toEqual({ m: -Infinity, n: [NaN] });
  });

  test('the engine version names the package version and a hash of the source', () => {
    expect(engineVersion()).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
  });
});
