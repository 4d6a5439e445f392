import { describe, expect, test } from 'vitest';
import {
  fitFixedExponentConstant,
  fitPowerLaw,
  logStandardError,
  ratioOf,
  slopeDifference,
  type PowerLawPoint,
} from '../../src/explore/powerLawFit.ts';
import { createRng } from '../../src/random/rng.ts';

const Z = 1.959963984540054;

/** Boundaries y = a·n^b with log-normal scatter of standard error `se`, each carrying its 95% interval. */
function synthetic(a: number, b: number, ns: number[], se: number, label: string): PowerLawPoint[] {
  const rng = createRng(label);
  return ns.map((n) => {
    const y = a * n ** b * Math.exp(se * rng.gaussian());
    return { x: n, y, interval: [y * Math.exp(-Z * se), y * Math.exp(Z * se)] as [number, number] };
  });
}

describe('fitPowerLaw: the exponent of log y against log x with a 95% interval', () => {
  test('exact points give the slope and intercept exactly', () => {
    const fit = fitPowerLaw(
      [16, 32, 64, 128].map((n) => ({ x: n, y: 0.7 * n ** 0.25, interval: [0.69 * n ** 0.25, 0.71 * n ** 0.25] as [number, number] })),
    );
    expect(fit.slope).toBeCloseTo(0.25, 10);
    expect(Math.exp(fit.intercept)).toBeCloseTo(0.7, 3);
    expect(fit.slopeInterval[0]).toBeLessThan(0.25);
    expect(fit.slopeInterval[1]).toBeGreaterThan(0.25);
  });

  test('recovers known slopes from noisy synthetic boundaries: the interval covers the slope in ≥ 90% of 200 sets', () => {
    let covered = 0;
    for (let t = 0; t < 200; t++) {
      const b = t % 2 ? 1 / 3 : 1 / 4;
      const fit = fitPowerLaw(synthetic(1.4 / 16 ** b, b, [16, 32, 64, 128], 0.03, `set${t}`));
      if (fit.slopeInterval[0] <= b && b <= fit.slopeInterval[1]) covered++;
      expect(Math.abs(fit.slope - b)).toBeLessThan(0.12);
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
  });

  test('tells 1/4 from 1/3 at the phase diagram resolution (3% per boundary, n = 16…128)', () => {
    const fit = fitPowerLaw(synthetic(0.7, 1 / 4, [16, 32, 64, 128], 0.03, 'sharp'));
    expect(fit.slopeInterval[1]).toBeLessThan(1 / 3);
  });

  test('intervals that understate the scatter are widened by the Birge ratio', () => {
    const points = synthetic(1, 0.3, [8, 16, 32, 64, 128, 256], 0.1, 'scatter').map((p) => ({
      ...p,
      interval: [p.y * 0.999, p.y * 1.001] as [number, number],
    }));
    const fit = fitPowerLaw(points);
    expect(fit.reducedChiSquare!).toBeGreaterThan(100);
    // Without widening the interval would be ~±0.001; the residual scatter (10%) sets it instead.
    expect(fit.slopeInterval[1] - fit.slopeInterval[0]).toBeGreaterThan(0.02);
  });

  test('refuses fewer than two usable points', () => {
    expect(() => fitPowerLaw([{ x: 16, y: 1, interval: [0.9, 1.1] }])).toThrow(/two points/);
  });
});

describe('slope differences, ratios and the constant of a fixed-exponent law', () => {
  test('the difference of two fits carries both errors', () => {
    const a = fitPowerLaw(synthetic(1, 1 / 3, [16, 32, 64, 128], 0.02, 'q3'));
    const b = fitPowerLaw(synthetic(1, 1 / 4, [16, 32, 64, 128], 0.02, 'q4'));
    const d = slopeDifference(a, b);
    expect(d.difference).toBeCloseTo(a.slope - b.slope, 12);
    expect(d.standardError).toBeCloseTo(Math.hypot(a.slopeStandardError, b.slopeStandardError), 12);
    expect(d.interval[0]).toBeLessThan(1 / 12);
    expect(d.interval[1]).toBeGreaterThan(1 / 12);
  });

  test('a ratio of two interval estimates has an interval containing it', () => {
    const r = ratioOf({ y: 2, interval: [1.8, 2.2] }, { y: 1, interval: [0.9, 1.1] });
    expect(r.ratio).toBe(2);
    expect(r.interval[0]).toBeLessThan(2);
    expect(r.interval[1]).toBeGreaterThan(2);
    expect(Math.log(r.interval[1] / 2) / Z).toBeCloseTo(Math.hypot(logStandardError([1.8, 2.2]), logStandardError([0.9, 1.1])), 10);
  });

  test('n·SNR^q = c: c is recovered from boundaries σ* = (n/c)^(1/q)', () => {
    const points = [16, 32, 64, 128].map((n) => {
      const y = (n / 4.2) ** (1 / 4);
      return { x: n, y, interval: [y * 0.97, y * 1.03] as [number, number] };
    });
    const { c, interval } = fitFixedExponentConstant(points, 4);
    expect(c).toBeCloseTo(4.2, 8);
    expect(interval[0]).toBeLessThan(4.2);
    expect(interval[1]).toBeGreaterThan(4.2);
  });
});
