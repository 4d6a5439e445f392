import { describe, expect, test } from 'vitest';
import { checkAxes, parseAxis, parseSetting } from '../../src/explore/axis.ts';
import { stableRankAlgebra } from '../../properties/zhang2025/stableRankAlgebra.ts';
import { needleClaim } from './fixtures/syntheticClaims.ts';

describe('reading --x, --y and --set', () => {
  test('a grid is parsed, deduplicated and sorted', () => {
    expect(parseAxis(stableRankAlgebra, 'scale=10,0.5,1,0.5')).toEqual({ name: 'scale', values: [0.5, 1, 10] });
  });

  test('a range from:to:count gives evenly spaced values, integers on integer grids', () => {
    expect(parseAxis(stableRankAlgebra, 'scale=0:4:9').values).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(parseAxis(stableRankAlgebra, 'rows=2:10:3').values).toEqual([2, 6, 10]);
    expect(parseAxis(stableRankAlgebra, 'rows=2:3:4').values).toEqual([2, 3]);
  });

  test('string parameters take lists of their options', () => {
    expect(parseAxis(needleClaim, 'c=w,u').values).toEqual(['w', 'u']);
    expect(() => parseAxis(needleClaim, 'c=u,x')).toThrow(/invalid --x c: "x" \(must be one of u, v, w\)/);
  });

  test.each([
    [
      'noise=1,2',
      /invalid --x: "noise" \(must be a parameter of zhang2025\/stable-rank-algebra: rows, cols, rank, scale, topGap, structure\)/,
    ],
    ['rows=', /invalid --x rows: "" \(must be a non-empty grid, e.g. rows=2,3,4\)/],
    ['rows=10:2:3', /must be an increasing range \(from ≤ to\), e.g. 2:10:3/],
    ['rows=a,b', /invalid --x rows: "a" \(must be a finite number\)/],
    ['rows=2.5', /invalid --x rows: "2.5" \(must be an integer\)/],
    ['rows=1:2', /must be a range from:to:count/],
    ['rows=1:5:0', /count is an integer ≥ 1/],
    ['rows=1,,2', /without empty entries/],
    ['rows', /must be name=values/],
    // Off the grid is the explorer's point; far off it (a typo) is refused before any run: rows are at most 40 here, 4× that at most.
    ['rows=2,2000', /invalid --x rows: "2000" \(must be within \[[\d.]+, 160\], on or near its grid/],
    ['scale=1e9', /invalid --x scale: "1000000000" \(must be within/],
  ])('%s is rejected with the parameter and the constraint', (text, message) => {
    expect(() => parseAxis(stableRankAlgebra, text)).toThrow(message);
  });

  test('values off the grid but near it are explored; --set is held to the same rule', () => {
    expect(parseAxis(stableRankAlgebra, 'rows=2,60').values).toEqual([2, 60]);
    expect(() => parseSetting(stableRankAlgebra, 'cols=2000')).toThrow(/invalid --set cols: "2000"/);
  });

  test('--set parses through the parameter and rejects unknown names', () => {
    expect(parseSetting(stableRankAlgebra, 'structure=low-rank')).toEqual(['structure', 'low-rank']);
    expect(() => parseSetting(stableRankAlgebra, 'seed=3')).toThrow(/invalid --set: "seed" \(must be a parameter of/);
    expect(() => parseSetting(stableRankAlgebra, 'rows=x')).toThrow(/invalid --set rows: "x"/);
  });

  test('the two axes must differ and may not also be fixed', () => {
    const rows = parseAxis(stableRankAlgebra, 'rows=2,3');
    expect(() => checkAxes(rows, rows, {})).toThrow(/both name "rows"/);
    expect(() => checkAxes(rows, parseAxis(stableRankAlgebra, 'cols=2,3'), { rows: 2 })).toThrow(/both an axis and --set/);
  });
});
