import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';
import { describeError, EXIT_INTERNAL_ERROR } from '../../src/cli/errors.ts';
import { writeReport } from '../../src/report/writeReport.ts';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { fixtureResults } from '../report/fixture.ts';

// The issue-18 reproductions for `theorycheck report`: each was a crash, a stack overflow or a
// 200 MB leftover on main; each is now one line and exit 2, or a page with the chart as a note.

const dir = mkdtempSync(join(tmpdir(), 'theorycheck-results-files-'));
let n = 0;
function resultsFileWith(text: string): string {
  const path = join(dir, `results-${n++}.json`);
  writeFileSync(path, text);
  return path;
}
const report = (input: string, out = join(dir, `out-${n++}`)) =>
  runCliInProcess(['report', '--in', input, '--out', out], { timeoutMs: 10_000 }).then((r) => ({ ...r, out }));
const withChart = (spec: Record<string, unknown>) => {
  const file = fixtureResults();
  return JSON.stringify({ ...file, experiments: [{ ...file.experiments![0], charts: [{ title: 'from the file', spec }] }] });
};
const point = {
  data: { values: [{ a: 1, b: 2 }] },
  mark: 'point',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
};

describe('theorycheck report on hostile results files', () => {
  test('an href encoding is a note in the page, not a TypeError from vega (exit 0)', async () => {
    const { code, stderr, out } = await report(
      resultsFileWith(withChart({ ...point, encoding: { ...point.encoding, href: { value: 'https://example.org/' } } })),
    );
    expect(code, stderr).toBe(0);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toMatch(
      /data-chart="from the file">[\s\S]*?This chart could not be rendered: its spec has a &quot;href&quot; property at encoding\.href/,
    );
    expect(page).not.toContain('example.org');
  });

  test('fill and config.background url(…) never reach the SVG', async () => {
    for (const spec of [
      { ...point, mark: { type: 'point', fill: 'url(http://evil.invalid/a)' } },
      { ...point, config: { background: 'url(http://evil.invalid/b)' } },
    ]) {
      const { code, out } = await report(resultsFileWith(withChart(spec)));
      expect(code).toBe(0);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('evil.invalid');
    }
  });

  test('200,000-deep nesting is one line and exit 2, not a stack overflow', async () => {
    const { code, stderr, out } = await report(resultsFileWith('['.repeat(200_000) + ']'.repeat(200_000)));
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^theorycheck: malformed results file .*: nested deeper than 64 levels \(at line 1 column 65\)$/);
    expect(existsSync(out)).toBe(false);
  });

  test('a 20 MB title is refused by name, and leaves no results.unrendered.json (or anything) behind', async () => {
    const file = fixtureResults();
    const before = readdirSync(dir).length;
    const { code, stderr, out } = await report(
      resultsFileWith(JSON.stringify({ ...file, claims: [{ ...file.claims[0], title: 't'.repeat(20_000_000) }, ...file.claims.slice(1)] })),
    );
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/: field claims\[0\]\.title: a string of 20000000 characters, more than the 100000 allowed$/);
    expect(stderr.length).toBeLessThan(400);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).length, 'only the input file was added').toBe(before + 1);
  });

  test('--out naming an existing file is one line and exit 2', async () => {
    const input = resultsFileWith(JSON.stringify(fixtureResults()));
    const file = resultsFileWith('not a folder');
    const { code, stderr } = await report(input, file);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^theorycheck: invalid out: ".*" \(must be a folder, or a path that does not exist yet/);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  test('a results file that is a FIFO or a folder is refused from its stat', async () => {
    const { code, stderr } = await report(dir);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^theorycheck: results file .*: is not a regular file \(a folder\)/);
  });
});

describe('no crash reaches the user', () => {
  test('an internal error is one line naming a crash log that holds the stack; exit 3', () => {
    const crashDir = mkdtempSync(join(tmpdir(), 'theorycheck-crash-'));
    const saved = process.env.THEORYCHECK_CRASH_DIR;
    process.env.THEORYCHECK_CRASH_DIR = crashDir;
    try {
      const { message, exitCode } = describeError(new TypeError("Cannot read properties of null (reading 'href')\n    at somewhere"));
      expect(exitCode).toBe(EXIT_INTERNAL_ERROR);
      expect(message).toMatch(
        /^theorycheck: internal error: Cannot read properties of null \(reading 'href'\) \(crash log: .*theorycheck-crash-.*\.log\)$/,
      );
      const log = /crash log: (.*)\)$/.exec(message)![1];
      expect(readFileSync(log, 'utf8')).toMatch(/TypeError: Cannot read properties of null[\s\S]*at /);
    } finally {
      if (saved === undefined) delete process.env.THEORYCHECK_CRASH_DIR;
      else process.env.THEORYCHECK_CRASH_DIR = saved;
    }
  });

  test('an exception that escaped every handler (a library failing asynchronously) is the same line and exit 3 in the binary', () => {
    const crashDir = mkdtempSync(join(tmpdir(), 'theorycheck-crash-'));
    // What bin/theorycheck.mjs installs before running the CLI.
    const script =
      "const { installCrashHandlers } = await import('./src/cli/errors.ts'); installCrashHandlers(); setTimeout(() => Promise.reject(new TypeError('late failure')), 10);";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repositoryRoot,
      env: { ...process.env, THEORYCHECK_CRASH_DIR: crashDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status, child.stderr).toBe(EXIT_INTERNAL_ERROR);
    expect(child.stderr.trim()).toMatch(/^theorycheck: internal error: late failure \(crash log: .*\.log\)$/);
    expect(readdirSync(crashDir)).toHaveLength(1);
  });

  test('report keeps no results.unrendered.json when its renderer fails (its results are the file it read)', async () => {
    const out = join(dir, 'render-fails');
    await expect(
      writeReport(out, fixtureResults(), { keepUnrendered: false, render: () => Promise.reject(new Error('boom')) }),
    ).rejects.toThrow(/could not render the HTML report \(boom\)/);
    expect(existsSync(join(out, 'results.unrendered.json'))).toBe(false);
  });
});
