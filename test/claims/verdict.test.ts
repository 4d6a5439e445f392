import { describe, expect, test } from 'vitest';
import { decideVerdict } from '../../src/claims/verdict.ts';
import { wilsonInterval } from '../../src/claims/statistics.ts';
import { confidenceSequence } from '../../src/claims/confidenceSequence.ts';
import { validateRunSettings } from '../../src/claims/budget.ts';

const tally = (passes: number, failures: number, extra: Partial<{ interrupted: boolean; plannedRuns: number; alpha: number }> = {}) => ({
  passes,
  failures,
  interrupted: false,
  plannedRuns: passes + failures,
  ...extra,
});

describe('decideVerdict, the one decision rule', () => {
  test('deterministic: one failure fails, all planned runs passing holds, a short or interrupted search is inconclusive; the interval is Wilson as before', () => {
    expect(decideVerdict('deterministic', 1, tally(9, 1)).verdict).toBe('fails');
    expect(decideVerdict('deterministic', 1, tally(10, 0))).toEqual({ verdict: 'holds', interval: wilsonInterval(10, 10), passRate: 1 });
    expect(decideVerdict('deterministic', 1, tally(8, 0, { plannedRuns: 10 })).verdict).toBe('inconclusive');
    expect(decideVerdict('deterministic', 1, tally(10, 0, { interrupted: true })).verdict).toBe('inconclusive');
    expect(decideVerdict('deterministic', 1, tally(0, 0)).verdict).toBe('inconclusive');
  });

  test('stochastic: decided by the anytime-valid evidence, with the confidence sequence as interval', () => {
    // 19/20 was inconclusive under Wilson too; 20/20 holds; 57/60 holds; 16/20 and 45/60 stay open.
    expect(decideVerdict('stochastic', 0.8, tally(19, 1)).verdict).toBe('inconclusive');
    expect(decideVerdict('stochastic', 0.8, tally(20, 0)).verdict).toBe('holds');
    expect(decideVerdict('stochastic', 0.8, tally(57, 3)).verdict).toBe('holds');
    expect(decideVerdict('stochastic', 0.8, tally(45, 15)).verdict).toBe('inconclusive');
    expect(decideVerdict('stochastic', 0.8, tally(5, 15)).verdict).toBe('fails');
    const d = decideVerdict('stochastic', 0.8, tally(57, 3));
    expect(d.interval).toEqual(confidenceSequence(57, 3));
    expect(d.passRate).toBe(0.95);
    expect(d.evidence!.holds).toBeGreaterThanOrEqual(Math.log(20));
  });

  test('a larger α decides sooner, a smaller one later; an interruption does not void a decided stochastic verdict', () => {
    expect(decideVerdict('stochastic', 0.8, tally(16, 0, { alpha: 0.2 })).verdict).toBe('holds');
    expect(decideVerdict('stochastic', 0.8, tally(20, 0, { alpha: 0.01 })).verdict).toBe('inconclusive');
    expect(decideVerdict('stochastic', 0.8, tally(20, 0, { interrupted: true })).verdict).toBe('holds');
  });

  test('bad settings name the parameter and its constraint', () => {
    const claim = { id: 'x/y', kind: 'stochastic' as const, threshold: 0.8 };
    const budget = { runs: 10, claimTimeMs: 1000, runTimeMs: 1000 };
    expect(() => validateRunSettings(claim, { ...budget, runs: 0 })).toThrow(/invalid runs: 0 \(must be an integer ≥ 1\)/);
    expect(() => validateRunSettings(claim, { ...budget, runs: -3 })).toThrow(/invalid runs/);
    expect(() => validateRunSettings({ ...claim, threshold: 1 }, budget)).toThrow(
      /invalid threshold of x\/y: 1 \(must be a number in \(0, 1\)\)/,
    );
    expect(() => validateRunSettings({ ...claim, threshold: 0 }, budget)).toThrow(/threshold/);
    expect(() => validateRunSettings(claim, budget, 'abc')).toThrow(/invalid alpha: "abc" \(must be a number in \(0, 1\)\)/);
    expect(() => validateRunSettings(claim, budget, Number.NaN)).toThrow(/invalid alpha/);
    expect(() => validateRunSettings(claim, { ...budget, minRuns: 0 })).toThrow(/invalid minRuns/);
    expect(() => validateRunSettings(claim, budget)).not.toThrow();
    expect(() => validateRunSettings({ id: 'x/d', kind: 'deterministic' }, budget)).not.toThrow();
  });
});
