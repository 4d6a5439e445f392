import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCliInProcess } from '../helpers/cliInProcess.ts';

// The sequential rule's settings from the command line: a bad run budget or α is one line naming
// the parameter and its constraint, exit code 2, and no report directory.
describe('verify: bad sequential settings', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'theorycheck-sequential-'));
  const cases: [string[], RegExp][] = [
    [['--runs', '0'], /invalid runs: "0" \(must be an integer ≥ 1\)/],
    [['--runs', '-4'], /invalid runs: "-4"/],
    [['--alpha', 'abc'], /invalid alpha: "abc" \(must be a number in \(0, 1\)\)/],
    [['--alpha', '1'], /invalid alpha: "1"/],
    [['--alpha', '0'], /invalid alpha: "0"/],
    [['--alpha', ''], /invalid alpha/],
  ];
  test.each(cases)('verify %j', async (flags, message) => {
    const out = join(scratch, flags.join('_').replace(/\W/g, 'x'));
    const result = await runCliInProcess(
      ['verify', '--claim', 'zhang2025/stable-rank-algebra', '--profile', 'smoke', ...flags, '--out', out],
      { timeoutMs: 10_000 },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
