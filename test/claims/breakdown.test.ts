import { describe, expect, test } from 'vitest';
import { describeDependence, fisherExact, holmAdjust, passRateBreakdown } from '../../src/claims/breakdown.ts';
import type { RunRecord } from '../../src/claims/result.ts';
import { createRng } from '../../src/random/rng.ts';

const record = (params: Record<string, number | string>, pass: boolean, shrinking = false): RunRecord => ({
  params: { ...params, seed: 1 },
  outcome: pass ? 'pass' : 'fail',
  margin: pass ? 1 : -1,
  measured: null,
  durationMs: 1,
  shrinking,
});

describe('pass rates broken down by parameter', () => {
  test("Fisher's exact test matches known values (R's fisher.test)", () => {
    // The lady tasting tea: [[3, 1], [1, 3]], two-sided p = 0.4857.
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
    // [[7, 5], [30, 0]]: 7/12 against 30/30; the observed table is the most extreme, p = C(37,7)/C(42,12).
    expect(fisherExact(7, 5, 30, 0)).toBeCloseTo(10295472 / 11058116888, 10);
    expect(fisherExact(5, 5, 5, 5)).toBeCloseTo(1, 9);
  });

  test('Holm adjusts step-down and keeps monotone order', () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holmAdjust([0.5])).toEqual([0.5]);
  });

  test('a parameter that drives the misses is named, one that does not is not', () => {
    const rng = createRng('breakdown');
    const runs: RunRecord[] = [];
    for (let i = 0; i < 42; i++) {
      const q = i % 7 < 2 ? 3 : 4; // 12 at q = 3, 30 at q = 4
      const k = rng.integer(2) + 2;
      runs.push(record({ q, K: k }, q === 4 || i % 12 < 7));
    }
    runs.push(record({ q: 3, K: 2 }, false, true)); // a shrinking run does not count
    const breakdown = passRateBreakdown(runs);
    const q = breakdown.find((b) => b.name === 'q')!;
    expect(q.values.map((v) => [v.value, v.passes, v.runs])).toEqual([
      ['3', 7, 12],
      ['4', 30, 30],
    ]);
    expect(q.significant).toBe(true);
    expect(breakdown.find((b) => b.name === 'K')!.significant).toBe(false);
    expect(breakdown.some((b) => b.name === 'seed')).toBe(false);
    expect(describeDependence(breakdown)).toEqual(['depends on q: q=3 7/12, q=4 30/30']);
    for (const v of q.values) expect(v.interval[0]).toBeLessThanOrEqual(v.passes / v.runs);
  });

  test('no differences, no names; one value, no test', () => {
    const runs = Array.from({ length: 20 }, (_, i) => record({ a: i % 2, b: 'x' }, i % 3 !== 0));
    const breakdown = passRateBreakdown(runs);
    expect(describeDependence(breakdown)).toEqual([]);
    expect(breakdown.find((b) => b.name === 'b')!.values[0].adjustedP).toBeNull();
  });
});
