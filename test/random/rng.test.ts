import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, gaussianArray } from '../../src/random/rng.ts';

const draw = (seed: number | string, count: number) => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.gaussian());
};

describe('seeded random streams', () => {
  it('same seed gives the same numbers; a different seed does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
        expect(draw(seed, 50)).toEqual(draw(seed, 50));
        expect(draw(seed, 50)).not.toEqual(draw(seed + 1, 50));
      }),
      { numRuns: 30, seed: 20261122 },
    );
  });

  it('numeric and string seeds of the same text agree', () => {
    expect(draw(7, 10)).toEqual(draw('7', 10));
  });

  it('forks are reproducible, independent of the parent and of each other', () => {
    const a = createRng(3).fork('data');
    const b = createRng(3).fork('data');
    const c = createRng(3).fork('init');
    const xs = Array.from({ length: 2000 }, () => a.gaussian());
    expect(Array.from({ length: 2000 }, () => b.gaussian())).toEqual(xs);
    const zs = Array.from({ length: 2000 }, () => c.gaussian());
    expect(zs).not.toEqual(xs);
    // Independent streams: sample correlation within a few standard errors (1/√n ≈ 0.022).
    const corr = xs.reduce((s, x, i) => s + x * zs[i], 0) / xs.length;
    expect(Math.abs(corr)).toBeLessThan(0.1);
    // A fork does not depend on how much of the parent was consumed.
    const parent = createRng(3);
    for (let i = 0; i < 17; i++) parent.uniform();
    const late = parent.fork('data');
    expect(Array.from({ length: 2000 }, () => late.gaussian())).toEqual(xs);
  });

  it('Gaussian moments: mean 0, variance 1, skew 0, kurtosis 3 within sampling error', () => {
    const n = 200_000;
    const x = gaussianArray(createRng('moments'), n);
    let m1 = 0,
      m2 = 0,
      m3 = 0,
      m4 = 0;
    for (const v of x) {
      m1 += v;
      m2 += v * v;
      m3 += v ** 3;
      m4 += v ** 4;
    }
    m1 /= n;
    m2 /= n;
    m3 /= n;
    m4 /= n;
    // Standard errors: 1/√n = 0.0022, √(2/n) = 0.0032, √(15/n) = 0.0087, √(96/n) = 0.022; allow 5σ.
    expect(Math.abs(m1)).toBeLessThan(0.012);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.016);
    expect(Math.abs(m3)).toBeLessThan(0.044);
    expect(Math.abs(m4 - 3)).toBeLessThan(0.11);
    const scaled = gaussianArray(createRng('moments'), n, 2.5);
    expect(scaled[123]).toBeCloseTo(2.5 * x[123], 12);
  });

  it('uniform lies in [0,1) and integer(n) covers 0..n-1 evenly', () => {
    const rng = createRng('uniform');
    const counts = new Array(7).fill(0);
    let outside = 0;
    for (let i = 0; i < 70_000; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      counts[rng.integer(7)]++;
    }
    expect(outside).toBe(0);
    // Each count ~ Binomial(70000, 1/7): sd ≈ 92.6; allow 5σ.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(463);
  });
});
