import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectProvenance, dependencyVersions, gitCommit, installedVersion } from '../../src/report/provenance.ts';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const installed = (name: string) =>
  (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('provenance', () => {
  test('names the installed version of every runtime dependency and of vitest, vega and vega-lite included', () => {
    const versions = dependencyVersions();
    expect(Object.keys(versions).sort()).toEqual([...Object.keys(manifest.dependencies), 'vitest'].sort());
    for (const [name, version] of Object.entries(versions)) expect(version, name).toBe(installed(name));
    // vega's package.json is not in its `exports`, which is how the report used to say `unknown`
    expect(versions.vega).toMatch(/^\d+\.\d+\.\d+/);
    expect(versions['vega-lite']).toMatch(/^\d+\.\d+\.\d+/);
    expect(installedVersion('no-such-package-theorycheck')).toBe('not installed');
  });

  test('records the commit of a git checkout, marks uncommitted changes, and nothing outside a clone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'theorycheck-git-'));
    try {
      expect(gitCommit(dir)).toBeUndefined();
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
          cwd: dir,
          encoding: 'utf8',
        }).trim();
      git('init', '-q');
      writeFileSync(join(dir, 'a.txt'), 'one\n');
      git('add', 'a.txt');
      git('commit', '-q', '-m', 'one');
      const head = git('rev-parse', 'HEAD');
      expect(gitCommit(dir)).toBe(head);
      writeFileSync(join(dir, 'a.txt'), 'two\n');
      expect(gitCommit(dir)).toBe(`${head}+dirty`);
      // a folder inside someone else's repository is not that repository's checkout
      execFileSync('mkdir', [join(dir, 'sub')]);
      expect(gitCommit(join(dir, 'sub'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a run records them', () => {
    const p = collectProvenance({
      profile: 'smoke',
      seed: 1,
      backends: [],
      startedAt: new Date(),
      partial: false,
      command: 'theorycheck verify',
    });
    expect(p.packages).toEqual(dependencyVersions());
    expect(p.commit).toBe(gitCommit());
  });
});
