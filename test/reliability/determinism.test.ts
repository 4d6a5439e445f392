import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { availableBackends } from '../../src/compute/backends.ts';

const script = new URL('./trajectoryDigest.ts', import.meta.url).pathname;

function runDigest(backend: string, seed: number, env: Record<string, string> = {}): Record<string, string> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, backend, String(seed)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

// The same seed gives bit-identical data, init, trajectory and measurements on the same backend,
// in two separate processes (and, where a backend uses threads, whatever their number).
describe('determinism across processes', () => {
  for (const backend of availableBackends()) {
    test(`${backend}: same seed, two processes, bit-identical`, { timeout: 60_000 }, () => {
      const first = runDigest(backend, 7);
      const second = runDigest(backend, 7, { OMP_NUM_THREADS: '1', THEORYCHECK_THREADS: '1' });
      expect(second).toEqual(first);
      const other = runDigest(backend, 8);
      expect(other.data).not.toBe(first.data);
      expect(other.losses).not.toBe(first.losses);
    });
  }
});
