import { expect, test } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineVersion } from '../../src/cache/engineVersion.ts';

/** The cache key's engine version covers the checked project's own code, so editing a user's claim never serves a stale run. */
test("the engine version follows the project's code files, not its dependencies, outputs or data", () => {
  const base = mkdtempSync(join(tmpdir(), 'theorycheck-version-'));
  const project = (name: string, files: Record<string, string>) => {
    const dir = join(base, name);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };
  const a = project('a', { 'properties/claim.ts': 'export const x = 1;' });
  const edited = project('edited', { 'properties/claim.ts': 'export const x = 2;' });
  const moved = project('moved', {});
  cpSync(a, moved, { recursive: true });
  const withNoise = project('noise', {
    'node_modules/dep/index.js': 'x',
    'reports/r.js': 'x',
    'fixtures/f.ts': 'x',
    '.cache/c.js': 'x',
    'notes.txt': 'x',
  });
  cpSync(a, withNoise, { recursive: true });
  expect(engineVersion(a)).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
  expect(engineVersion(edited)).not.toBe(engineVersion(a));
  expect(engineVersion(moved)).toBe(engineVersion(a));
  expect(engineVersion(withNoise)).toBe(engineVersion(a));
});
