import jstatModule from 'jstat';
import type { ParameterBreakdown, RunRecord } from './result.ts';
import { confidenceSequence, defaultAlpha } from './confidenceSequence.ts';

const { jStat } = jstatModule;

export type { ParameterBreakdown, ValuePassRate } from './result.ts';

/**
 * Two-sided p-value of Fisher's exact test on the 2×2 table [[a, b], [c, d]] (passes and
 * failures at one value, passes and failures elsewhere): the hypergeometric probability of every
 * table with the same margins that is no more likely than the one observed.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row = a + b;
  const col = a + c;
  const n = a + b + c + d;
  const logP = (x: number) => jStat.combinationln(col, x) + jStat.combinationln(n - col, row - x) - jStat.combinationln(n, row);
  const observed = logP(a);
  let total = 0;
  for (let x = Math.max(0, row + col - n); x <= Math.min(row, col); x++) {
    const lp = logP(x);
    // The relative tolerance keeps tables tied with the observed one (as R's fisher.test does).
    if (lp <= observed + 1e-7) total += Math.exp(lp);
  }
  return Math.min(1, total);
}

/** Holm's step-down adjustment of p-values (same order as given). */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * The pass rate for each value of each drawn parameter (the seed aside), over the runs that count
 * (passes and failures, not shrinking runs). Every value of a parameter with two or more values is
 * compared with the others by Fisher's exact test (one comparison when there are two values); the
 * p-values of all parameters are Holm-corrected together, so "significant" has family-wise error
 * ≤ α. fast-check draws the parameters, so the breakdown describes what was drawn.
 */
export function passRateBreakdown(samples: readonly RunRecord[], alpha = defaultAlpha): ParameterBreakdown[] {
  const judged = samples.filter((r) => !r.shrinking && (r.outcome === 'pass' || r.outcome === 'fail'));
  const names = [...new Set(judged.flatMap((r) => Object.keys(r.params)))].filter((n) => n !== 'seed');
  const totalPasses = judged.filter((r) => r.outcome === 'pass').length;
  const tables = names.map((name) => {
    const byValue = new Map<string, { passes: number; runs: number }>();
    for (const r of judged) {
      const value = String((r.params as Record<string, unknown>)[name]);
      const cell = byValue.get(value) ?? { passes: 0, runs: 0 };
      cell.runs++;
      if (r.outcome === 'pass') cell.passes++;
      byValue.set(value, cell);
    }
    const values = [...byValue].map(([value, cell]) => ({ value, ...cell })).sort((x, y) => compareValues(x.value, y.value));
    const tested = values.length < 2 ? [] : values.length === 2 ? [0] : values.map((_, i) => i);
    const pValues = tested.map((i) => {
      const { passes, runs } = values[i];
      return fisherExact(passes, runs - passes, totalPasses - passes, judged.length - runs - (totalPasses - passes));
    });
    return { name, values, tested, pValues };
  });
  const adjusted = holmAdjust(tables.flatMap((t) => t.pValues));
  let next = 0;
  return tables.map(({ name, values, tested, pValues }) => {
    const own = new Map(tested.map((i, k) => [i, adjusted[next + k]]));
    next += pValues.length;
    // With two values the single comparison is the parameter's.
    const single = values.length === 2 ? (own.get(0) ?? null) : null;
    const rows = values.map((v, i) => ({
      ...v,
      interval: confidenceSequence(v.passes, v.runs - v.passes, alpha),
      adjustedP: single ?? own.get(i) ?? null,
    }));
    return { name, values: rows, significant: [...own.values()].some((p) => p <= alpha) };
  });
}

function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b);
}

/** "depends on q: q=3 7/12, q=4 30/30" for each significant parameter; [] when none. */
export function describeDependence(breakdown: readonly ParameterBreakdown[]): string[] {
  return breakdown
    .filter((b) => b.significant)
    .map((b) => `depends on ${b.name}: ${b.values.map((v) => `${b.name}=${v.value} ${v.passes}/${v.runs}`).join(', ')}`);
}
