import { describe, expect, test } from 'vitest';
import { ResultCache } from '../../src/cache/resultCache.ts';
import { getBackend } from '../../src/compute/backends.ts';
import { boundaryPairs, midpoint } from '../../src/explore/boundary.ts';
import { cellVerdict } from '../../src/explore/cells.ts';
import { createEvaluator } from '../../src/explore/evaluator.ts';
import { explore, searchSpace } from '../../src/explore/explore.ts';
import { exploreMap } from '../../src/explore/exploreMap.ts';
import { mergeResults } from '../../src/report/mergeResults.ts';
import { sensitivityOf } from '../../src/explore/sensitivity.ts';
import { shrinkFailure } from '../../src/explore/shrink.ts';
import { targetedSearch } from '../../src/explore/targetedSearch.ts';
import { renderTextMap } from '../../src/explore/textMap.ts';
import { confidenceSequence } from '../../src/claims/confidenceSequence.ts';
import { createRng } from '../../src/random/rng.ts';
import type { RegimeMap } from '../../src/report/reportModel.ts';
import { coinClaim, measureCalls, needleClaim, thresholdClaim } from './fixtures/syntheticClaims.ts';

const backend = getBackend('float64');
const evaluatorFor = (claim: Parameters<typeof createEvaluator>[0], cache = new ResultCache('memory', '', 'test')) =>
  createEvaluator(claim, backend, cache, 1000);
const evens = [0, 2, 4, 6, 8, 10];

describe('the regime map', () => {
  test('locates the boundary of a + b ≤ 11 and refines it to the exact integers', async () => {
    const { map, cells } = await exploreMap({
      claim: thresholdClaim,
      x: { name: 'a', values: evens },
      y: { name: 'b', values: evens },
      fixed: { c: 'u' },
      seeds: 1,
      baseSeed: 1,
      refineRounds: 1,
      evaluate: evaluatorFor(thresholdClaim),
    });
    // Every cell, given or refined, carries the true verdict.
    for (const cell of map.cells) expect(cell.passes === cell.runs, `cell ${cell.x},${cell.y}`).toBe(Number(cell.x) + Number(cell.y) <= 11);
    const refined = map.cells.filter((c) => c.refined);
    expect(refined.length).toBeGreaterThan(0);
    // The midpoints added lie between a holding and a failing cell: odd values right at the boundary.
    for (const c of refined) expect([Number(c.x), Number(c.y)].some((v) => v % 2 === 1)).toBe(true);
    for (const c of refined) expect(Math.abs(Number(c.x) + Number(c.y) - 11.5)).toBeLessThanOrEqual(1.5);
    // After refinement every crossing of the boundary along a row or column is between neighbouring integers.
    const verdict = (c: (typeof cells)[number]) => cellVerdict(c, 'deterministic', 1);
    const all = [...new Set(cells.map((c) => c.x))].sort((p, q) => Number(p) - Number(q));
    for (const pair of boundaryPairs(cells, verdict, all, all)) {
      const gap = Math.abs(Number(pair.a[pair.axis]) - Number(pair.b[pair.axis]));
      if (pair.a.refined || pair.b.refined) expect(gap).toBe(1);
    }
    expect(map.conditions).toEqual([
      {
        label: 'a + b = 11.5',
        points: [
          { x: 0, y: 11.5 },
          { x: 11.5, y: 0 },
        ],
      },
    ]);
    expect(map.rest).toEqual({ c: 'u' });
  });

  test('an undecided stochastic cell draws more seeds, one at a time, until the sequential rule decides it: 8 of 8 is not left at ?', async () => {
    const always = { ...coinClaim, id: 'synthetic/always', holds: () => ({ pass: true, margin: 1 }) };
    const base = {
      claim: always,
      x: { name: 'x', values: [0, 1] },
      y: { name: 'y', values: [0] },
      fixed: {},
      seeds: 8,
      baseSeed: 3,
      refineRounds: 0,
    };
    const fixedSeeds = await exploreMap({ ...base, evaluate: evaluatorFor(always) });
    expect(fixedSeeds.cells.map((c) => cellVerdict(c, 'stochastic', 0.8))).toEqual(['inconclusive', 'inconclusive']);
    const sequential = await exploreMap({ ...base, maxSeeds: 24, evaluate: evaluatorFor(always) });
    expect(sequential.cells.map((c) => cellVerdict(c, 'stochastic', 0.8))).toEqual(['holds', 'holds']);
    // Stopped as soon as decided: 20 straight passes certify 0.8, not the 24 allowed.
    expect(sequential.map.cells.map((c) => c.runs)).toEqual([20, 20]);
    expect(renderTextMap(sequential.map, 'stochastic', 0.8).split('\n').slice(1).join('\n')).not.toContain('?');
  });

  test('a stochastic map gives each cell its anytime-valid interval, and more seeds where the verdict is unsure', async () => {
    const { map } = await exploreMap({
      claim: coinClaim,
      x: { name: 'x', values: [0, 1, 2, 3, 4] },
      y: { name: 'y', values: [0, 2, 4] },
      fixed: {},
      seeds: 12,
      baseSeed: 7,
      refineRounds: 1,
      evaluate: evaluatorFor(coinClaim),
    });
    for (const cell of map.cells) {
      expect(cell.interval).toEqual(confidenceSequence(cell.passes, cell.runs - cell.passes));
      expect(cell.passRate).toBeCloseTo(cell.passes / cell.runs, 12);
    }
    const below = map.cells.filter((c) => Number(c.x) < Number(c.y));
    const above = map.cells.filter((c) => Number(c.x) >= Number(c.y));
    // Pooled pass rates recover the two probabilities (0.95 and 0.2) the claim was built with.
    const rate = (cs: typeof map.cells) => cs.reduce((s, c) => s + c.passes, 0) / cs.reduce((s, c) => s + c.runs, 0);
    expect(rate(below)).toBeGreaterThan(0.8);
    expect(rate(above)).toBeLessThan(0.35);
    // Cells next to the boundary got twice the seeds.
    expect(Math.max(...map.cells.map((c) => c.runs))).toBe(24);
  });

  test('midpoints are readable, on the parameter type, and geometric across decades', () => {
    expect(midpoint(2, 4, true)).toBe(3);
    expect(midpoint(2, 3, true)).toBeNull();
    expect(midpoint(0.5, 1, false)).toBe(0.75);
    expect(midpoint(0.01, 1, false)).toBe(0.1);
    expect(midpoint('u', 'v', false)).toBeNull();
  });

  test('the text map shows the marks and the axes', async () => {
    const { map } = await exploreMap({
      claim: thresholdClaim,
      x: { name: 'a', values: [0, 10] },
      y: { name: 'b', values: [0, 10] },
      fixed: { c: 'u' },
      seeds: 1,
      baseSeed: 1,
      refineRounds: 0,
      evaluate: evaluatorFor(thresholdClaim),
    });
    const text = renderTextMap(map, 'deterministic', 1);
    expect(text).toContain('+1/1');
    expect(text).toContain('×0/1');
    expect(text).toMatch(/→ a/);
    expect(text).toContain('stated condition: a + b = 11.5');
  });
});

describe('targeted search, shrinking, and which parameters matter', () => {
  const space = { a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], b: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], c: ['u', 'v', 'w'], d: [1, 2, 3] };

  test('following the margin finds a rare failure far sooner than uniform draws', async () => {
    let targetedFound = 0;
    let uniformFound = 0;
    const budget = 60;
    for (let seed = 0; seed < 10; seed++) {
      const outcome = await targetedSearch({ space, evaluate: evaluatorFor(needleClaim), rng: createRng(`t${seed}`), runs: budget });
      if (outcome.failure) targetedFound++;
      // The same budget spent on uniform draws (the corner has probability 4/363).
      const rng = createRng(`u${seed}`);
      for (let i = 0; i < budget; i++) {
        if (rng.integer(11) >= 9 && rng.integer(11) >= 9 && rng.integer(3) === 2) {
          uniformFound++;
          break;
        }
      }
    }
    expect(targetedFound).toBeGreaterThanOrEqual(9);
    expect(targetedFound).toBeGreaterThan(uniformFound + 3);
  });

  test('a failure shrinks to the simplest readable values along the grids', async () => {
    const evaluate = evaluatorFor(needleClaim);
    const failing = await evaluate({ a: 10, b: 10, c: 'w', d: 3, seed: 123_456 });
    expect(failing.outcome).toBe('fail');
    const { record } = await shrinkFailure(failing, space, evaluate);
    expect(record.params).toEqual({ a: 9, b: 9, c: 'w', d: 1, seed: 0 });
  });

  test('sensitivity: a, b and c are essential, d and the seed are free', async () => {
    const evaluate = evaluatorFor(needleClaim);
    const failing = await evaluate({ a: 9, b: 10, c: 'w', d: 2, seed: 5 });
    const s = await sensitivityOf(failing, space, evaluate);
    expect(s.essential.sort()).toEqual(['a', 'b', 'c']);
    expect(s.free.sort()).toEqual(['d', 'seed']);
    expect(s.rescues.c).toEqual(['u', 'v']);
  });

  test('explore puts it together, and a second exploration trains nothing', async () => {
    const cache = new ResultCache('memory', '', 'test');
    const request = {
      claim: needleClaim,
      x: { name: 'a', values: [0, 5, 9, 10] },
      y: { name: 'b', values: [0, 5, 9, 10] },
      fixed: { c: 'w' },
      profile: 'smoke' as const,
      baseSeed: 3,
      backend,
      cache,
      seeds: 2,
      targetRuns: 40,
    };
    const before = measureCalls.needle;
    const first = await explore(request);
    const trained = measureCalls.needle - before;
    expect(first.stats.computed).toBe(trained);
    expect(first.shrunk?.params).toMatchObject({ a: 9, b: 9, c: 'w', d: 1, seed: 0 });
    expect(first.map.sensitivity?.[0]).toEqual({ params: first.shrunk?.params, free: ['d', 'seed'], essential: ['a', 'b'] });
    const failing = first.map.cells.filter((c) => c.passes < c.runs).map((c) => [c.x, c.y]);
    expect(failing.sort()).toEqual(
      [
        [10, 10],
        [10, 9],
        [9, 10],
        [9, 9],
      ].sort(),
    );
    const again = await explore(request);
    expect(measureCalls.needle - before).toBe(trained);
    expect(again.stats.computed).toBe(0);
    expect(again.map.cells).toEqual(first.map.cells);
  });

  test('the search space holds the axes, the fixed values and the claim grids', () => {
    const s = searchSpace(thresholdClaim, { name: 'a', values: [1, 2] }, { name: 'b', values: [3] }, { c: 'v' });
    expect(s).toEqual({ a: [1, 2], b: [3], c: ['v'] });
  });
});

describe('merging maps into results.json', () => {
  const map = (claimId: string, x: string, y: string, title: string): RegimeMap => ({
    claimId,
    title,
    x,
    y,
    rest: {},
    cells: [],
    conditions: [],
    durationMs: 0,
  });
  const provenance = { tool: 'theorycheck' } as never;

  test('a map for the same claim and axes replaces the old one; others stay', () => {
    const existing = {
      claims: [],
      provenance,
      maps: [map('p/a', 'x', 'y', 'old'), map('p/a', 'x', 'z', 'other'), map('p/b', 'x', 'y', 'b')],
    };
    const merged = mergeResults(existing, { maps: [map('p/a', 'x', 'y', 'new')] }, () => provenance);
    expect(merged.maps?.map((m) => m.title).sort()).toEqual(['b', 'new', 'other']);
    expect(mergeResults(null, { maps: [map('p/a', 'x', 'y', 'new')] }, () => provenance).maps).toHaveLength(1);
  });
});

describe('stated conditions as lines on the map', () => {
  test('a bound on x is a vertical line across y, a bound on y a horizontal one, others nothing', async () => {
    const { parameterBounds } = await import('../../src/explore/conditionLines.ts');
    const curves = parameterBounds({ noise: { at: 0.5, label: 'σp√d ≤ 0.5' }, initScale: { at: 0.01, label: 'small init' } });
    const noise = { name: 'noise', values: [0, 1, 4] };
    const init = { name: 'initScale', values: [0.001, 0.1] };
    expect(curves(noise, init, {})).toEqual([
      {
        label: 'σp√d ≤ 0.5',
        points: [
          { x: 0.5, y: 0.001 },
          { x: 0.5, y: 0.1 },
        ],
      },
      {
        label: 'small init',
        points: [
          { x: 0, y: 0.01 },
          { x: 4, y: 0.01 },
        ],
      },
    ]);
    expect(curves({ name: 'K', values: [2, 3] }, { name: 'dim', values: [100] }, {})).toEqual([]);
  });
});
