import { describe, expect, test } from 'vitest';
import { breakdownBlock } from '../../../src/report/html/breakdown.ts';
import { sequentialLines } from '../../../src/report/sequentialText.ts';
import { passRateBreakdown } from '../../../src/claims/breakdown.ts';
import type { ClaimResult, RunRecord } from '../../../src/claims/result.ts';

const record = (q: string, pass: boolean): RunRecord => ({
  params: { q, seed: 1 },
  outcome: pass ? 'pass' : 'fail',
  margin: 0,
  measured: null,
  durationMs: 1,
  shrinking: false,
});
const samples = [
  ...Array.from({ length: 12 }, (_, i) => record('<b>3</b>', i < 5)),
  ...Array.from({ length: 30 }, () => record('4', true)),
];
const result = {
  passes: 35,
  failures: 7,
  runs: 42,
  threshold: 0.8,
  interval: [0.6, 0.92],
  stopReason: 'run cap',
  sequential: { alpha: 0.05, minRuns: 10, maxRuns: 42, runsNeeded: null },
  breakdown: passRateBreakdown(samples),
} as unknown as ClaimResult;

describe('the breakdown in the report and on the CLI', () => {
  test('HTML: the sequential facts and one row per parameter, values escaped, the significant parameter marked', () => {
    const html = breakdownBlock(result).value;
    expect(html).toContain('undecided after 42 runs (stopped: run cap; 10–42 runs, α = 0.05)');
    expect(html).toContain('q=&lt;b&gt;3&lt;/b&gt;');
    expect(html).not.toContain('<b>3</b>');
    expect(html).toContain('class="significant"');
    expect(html).toMatch(/5\/12 \[\d+%, \d+%\]/);
  });

  test('CLI lines say why the runs stopped and name the dependence', () => {
    const lines = sequentialLines(result);
    expect(lines[0]).toMatch(/^35\/42 passed \[60, 92\]% vs threshold 0\.8; undecided after 42 runs \(stopped: run cap/);
    expect(lines[1]).toMatch(/^depends on q: <b>3<\/b> 5\/12 \[\d+, \d+\]%, 4 30\/30 \[\d+, 100\]%$/);
  });

  test('nothing for a regime without a sequential verdict', () => {
    expect(breakdownBlock({ ...result, sequential: undefined }).value).toBe('');
    expect(sequentialLines({ ...result, sequential: undefined })).toEqual([]);
  });
});
