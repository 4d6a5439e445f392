import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';
import { runCliInProcess } from '../helpers/cliInProcess.ts';

// Stored counterexamples are validated by value against the claim's domain (the issue-18
// reproductions): a typo is bad input, never a replay, never a pruned case, never new evidence.

const HUBER = 'zhang2025/huberized-relu-well-formed';
const TEMPLATE = join(repositoryRoot, 'fixtures', 'counterexamples', 'zhang2025', 'huberized-relu-well-formed', '0e8ada74f4baf1ed.json');
const template = JSON.parse(readFileSync(TEMPLATE, 'utf8'));

/** A corpus folder holding one stored case of `claimId`, written by `write` (a JSON value, or anything else). */
function corpusWith(claimId: string, content: unknown, name = 'case.json'): { directory: string; file: string } {
  const directory = mkdtempSync(join(tmpdir(), 'theorycheck-fixture-'));
  const folder = join(directory, ...claimId.split('/'));
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  return { directory, file };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function expectBadFixture(result: { code: number; stderr: string; stdout: string }, field: RegExp): void {
  expect(result.code, result.stderr + result.stdout).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^theorycheck: malformed counterexample fixture .*case\.json: field /);
  expect(lines[0]).toMatch(field);
  expect(lines[0]).not.toMatch(/internal error|\n\s+at /);
}

const stableRank = (params: Record<string, unknown>) => ({
  ...template,
  claimId: 'zhang2025/stable-rank-algebra',
  regime: 'holding-domain',
  expected: 'holds',
  backend: 'float64',
  params: { rows: 3, cols: 3, rank: 2, scale: 1, topGap: 1, structure: 'gaussian', seed: 1, ...params },
});

describe('stored counterexamples are validated by value', () => {
  test.each([
    ['"abc"', 'abc', /params\.rows: is "abc", must be a number like the values of its grid \(2, 3, 4/],
    ['2.5', 2.5, /params\.rows: is 2\.5, must be an integer/],
    ['-3', -3, /params\.rows: is -3, must be within \[0\.0200, 160\], on or near its grid \(2, 3, 4/],
    ['100000', 100000, /params\.rows: is 100000, must be within \[0\.0200, 160\]/],
    ['2000', 2000, /params\.rows: is 2000, must be within \[0\.0200, 160\]/],
  ])('rows = %s for an integer grid is refused before anything runs, by verify, reproduce and corpus', async (_label, rows, message) => {
    const { directory, file } = corpusWith(
      'zhang2025/stable-rank-algebra',
      stableRank({ rows, cols: rows === 2000 ? 2000 : 3, rank: rows === 2000 ? 2000 : 2 }),
    );
    const before = filesUnder(directory);
    const out = join(directory, 'report');
    const env = { THEORYCHECK_CORPUS_DIR: directory, THEORYCHECK_CACHE: 'off' };
    const verify = await runCliInProcess(['verify', '--claim', 'zhang2025/stable-rank-algebra', '--profile', 'smoke', '--out', out], {
      env,
      timeoutMs: 10_000,
    });
    expectBadFixture(verify, message);
    expect(existsSync(out), 'no report is written').toBe(false);
    expectBadFixture(await runCliInProcess(['reproduce', '--file', file], { timeoutMs: 10_000 }), message);
    // --prune never deletes a case it could not replay.
    expectBadFixture(
      await runCliInProcess(['corpus', '--claim', 'zhang2025/stable-rank-algebra', '--prune'], { env, timeoutMs: 10_000 }),
      message,
    );
    expect(filesUnder(directory), 'nothing written, nothing deleted').toEqual(before);
  });

  test('q = "three" for the Huberized ReLU is refused, and no new counterexample file appears', async () => {
    const { directory, file } = corpusWith(HUBER, { ...template, params: { ...template.params, q: 'three' } });
    const before = filesUnder(directory);
    const env = { THEORYCHECK_CORPUS_DIR: directory, THEORYCHECK_CACHE: 'off' };
    expectBadFixture(
      await runCliInProcess(['verify', '--claim', HUBER, '--profile', 'smoke', '--out', join(directory, 'r')], { env, timeoutMs: 10_000 }),
      /params\.q: is "three", must be a number like the values of its grid \(3, 4, 5, 1\), not a string/,
    );
    expectBadFixture(await runCliInProcess(['reproduce', '--file', file], { timeoutMs: 10_000 }), /params\.q/);
    expect(filesUnder(directory)).toEqual(before);
  });

  test('a value off the grid replays when it lies near the grid, and is refused far from it', async () => {
    const fractional = corpusWith(HUBER, { ...template, params: { ...template.params, q: 3.5 } });
    expectBadFixture(
      await runCliInProcess(['reproduce', '--file', fractional.file], { timeoutMs: 10_000 }),
      /params\.q: is 3\.5, must be an integer, as every value of its grid \(3, 4, 5, 1\)/,
    );
    const near = corpusWith(HUBER, { ...template, params: { ...template.params, q: 6 } });
    expect([0, 1]).toContain((await runCliInProcess(['reproduce', '--file', near.file], { timeoutMs: 10_000 })).code);
    const farExplored = corpusWith(HUBER, { ...template, regime: 'explore', expected: 'probe', params: { ...template.params, q: 500 } });
    expectBadFixture(
      await runCliInProcess(['reproduce', '--file', farExplored.file], { timeoutMs: 10_000 }),
      /params\.q: is 500, must be within \[0\.0100, 20\.0\]/,
    );
    // An explored case replays (and still fails, as stored).
    const nearExplored = corpusWith(HUBER, { ...template, regime: 'explore', expected: 'probe', params: { ...template.params, q: 3 } });
    const replayed = await runCliInProcess(['reproduce', '--file', nearExplored.file], { timeoutMs: 10_000 });
    expect(replayed.code, replayed.stderr).toBe(0);
  });

  test('corpus --prune checks every case of every claim first: a bad case in one claim leaves the stale case of another in place', async () => {
    // A case that no longer fails (prune would delete it), then a malformed case of the next claim.
    const { directory, file: stale } = corpusWith(HUBER, { ...template, params: { ...template.params, form: 'huberized', q: 3 } });
    const bad = join(directory, 'zhang2025', 'stable-rank-algebra', 'case.json');
    mkdirSync(join(directory, 'zhang2025', 'stable-rank-algebra'), { recursive: true });
    writeFileSync(bad, JSON.stringify(stableRank({ rows: 'abc' })));
    const before = filesUnder(directory);
    const result = await runCliInProcess(['corpus', '--claim', HUBER, 'zhang2025/stable-rank-algebra', '--prune'], {
      env: { THEORYCHECK_CORPUS_DIR: directory },
      timeoutMs: 10_000,
    });
    expectBadFixture(result, /params\.rows/);
    expect(filesUnder(directory)).toEqual(before);
    expect(existsSync(stale)).toBe(true);
    // Without the bad case the stale one is pruned: the check above could fail.
    cpSync(bad, `${bad}.off`);
    execFileSync('rm', [bad]);
    const pruned = await runCliInProcess(['corpus', '--claim', HUBER, '--prune'], {
      env: { THEORYCHECK_CORPUS_DIR: directory },
      timeoutMs: 10_000,
    });
    expect(pruned.stdout).toMatch(/^gone .*case\.json/m);
    expect(existsSync(stale)).toBe(false);
  });

  test('the committed corpus passes the same check (every stored case is on its grid, or near it for explored cases)', async () => {
    const { allClaims } = await import('../../properties/index.ts');
    const { loadCorpus } = await import('../../src/corpus/store.ts');
    const { checkStoredCase } = await import('../../src/corpus/replay.ts');
    let checked = 0;
    for (const claim of allClaims) {
      for (const stored of loadCorpus(join(repositoryRoot, 'fixtures', 'counterexamples'), claim.id)) {
        checkStoredCase(claim, stored);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('only regular files are read', () => {
  test('a FIFO named *.json in the corpus is one line and exit 2, not a hang', async () => {
    const { directory } = corpusWith(HUBER, template);
    const fifo = join(directory, ...HUBER.split('/'), 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const result = await runCliInProcess(['verify', '--claim', HUBER, '--profile', 'smoke', '--out', join(directory, 'r')], {
      env: { THEORYCHECK_CORPUS_DIR: directory },
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^theorycheck: counterexample file .*pipe\.json: is not a regular file \(a FIFO\); only regular files are read$/,
    );
  });

  test('a symlink out of the corpus is refused without quoting its target', async () => {
    const { directory } = corpusWith(HUBER, template);
    symlinkSync('/etc/passwd', join(directory, ...HUBER.split('/'), 'passwd.json'));
    const result = await runCliInProcess(['verify', '--claim', HUBER, '--profile', 'smoke', '--out', join(directory, 'r')], {
      env: { THEORYCHECK_CORPUS_DIR: directory },
      timeoutMs: 10_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/passwd\.json: is a symbolic link pointing outside .*; only regular files inside it are read$/);
    expect(result.stderr).not.toMatch(/root/);
  });

  test('a fixture that is not JSON names its line and column, not its bytes', async () => {
    const { file } = corpusWith(HUBER, 'root:x:0:0:root:/root:/bin/bash\n');
    const result = await runCliInProcess(['reproduce', '--file', file], { timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^theorycheck: malformed counterexample fixture .*case\.json: not valid JSON$/);
    expect(result.stderr).not.toMatch(/root/);
  });
});
