import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActivation, huberizedRelu, relu, reluPower } from '../../src/models/activation.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

const qs = fc.double({ min: 1, max: 6, noNaN: true });
const kappas = fc.double({ min: 0.01, max: 10, noNaN: true });

function centralDifference(f: (z: number) => number, z: number): number {
  const h = 1e-6 * Math.max(1, Math.abs(z));
  return (f(z + h) - f(z - h)) / (2 * h);
}

describe('Huberized ReLU', () => {
  it('follows the definition piece by piece', () => {
    fc.assert(
      fc.property(qs, kappas, fc.double({ min: -20, max: 20, noNaN: true }), (q, kappa, z) => {
        const act = huberizedRelu(q, kappa);
        const expected = z <= 0 ? 0 : z <= kappa ? z ** q / (q * kappa ** (q - 1)) : z - (1 - 1 / q) * kappa;
        expect(Math.abs(act.value(z) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      }),
      { seed: 20261122 },
    );
  });

  it("is continuous with a continuous derivative at 0 and at κ (σ(κ) = κ/q, σ'(κ) = 1)", () => {
    fc.assert(
      fc.property(qs, kappas, (q, kappa) => {
        const act = huberizedRelu(q, kappa);
        const eps = 1e-9 * kappa;
        expect(act.value(0)).toBe(0);
        expect(act.value(eps)).toBeLessThan(1e-8 * kappa);
        expect(Math.abs(act.value(kappa) - kappa / q)).toBeLessThan(1e-12 * kappa);
        expect(Math.abs(act.value(kappa + eps) - act.value(kappa - eps))).toBeLessThan(1e-8 * kappa);
        expect(act.derivative(kappa)).toBeCloseTo(1, 12);
        expect(act.derivative(kappa + eps)).toBe(1);
        expect(Math.abs(act.derivative(kappa - eps) - 1)).toBeLessThan(1e-6 * q);
        expect(act.derivative(0)).toBe(0);
        if (q > 1.5) expect(act.derivative(eps)).toBeLessThan(1e-4);
      }),
      { seed: 20261122 },
    );
  });

  it('derivative equals central finite differences away from the kinks', () => {
    fc.assert(
      fc.property(qs, kappas, fc.double({ min: -3, max: 3, noNaN: true }), (q, kappa, t) => {
        // Work at t = z/κ so that the step is small against κ; stay 1e-3 from the kinks, where
        // t^q with q near 1 has large higher derivatives and the difference quotient is off by O(h²σ''').
        const h = 1e-6 * Math.max(1, Math.abs(t));
        fc.pre(Math.abs(t) > 1e-3 && Math.abs(t - 1) > 1e-3);
        const act = huberizedRelu(q, kappa);
        const fd = (act.value((t + h) * kappa) - act.value((t - h) * kappa)) / (2 * h * kappa);
        expect(Math.abs(act.derivative(t * kappa) - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }),
      { numRuns: 1000, seed: 20261122 },
    );
  });

  it('q = 1 is ReLU shifted by nothing: σ(z) = max(z, 0)', () => {
    const act = huberizedRelu(1, 0.5);
    for (const z of [-1, 0, 0.25, 0.5, 3]) expect(act.value(z)).toBeCloseTo(Math.max(z, 0), 14);
  });
});

describe('ReLU and ReLU^q', () => {
  it("relu: max(z,0) with σ'(0) = 0", () => {
    const act = relu();
    expect([-2, 0, 3].map(act.value)).toEqual([0, 0, 3]);
    expect([-2, 0, 3].map(act.derivative)).toEqual([0, 0, 1]);
  });

  it('relu-pow: z^q for z > 0, derivative q z^(q−1) matches finite differences', () => {
    fc.assert(
      fc.property(qs, fc.double({ min: -5, max: 5, noNaN: true }), (q, z) => {
        fc.pre(Math.abs(z) > 1e-3);
        const act = reluPower(q);
        expect(act.value(z)).toBeCloseTo(z > 0 ? z ** q : 0, 10);
        const fd = centralDifference(act.value, z);
        expect(Math.abs(act.derivative(z) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }),
      { numRuns: 200, seed: 20261122 },
    );
  });

  it('rejects q < 1, κ ≤ 0 and NaN by name', () => {
    expect(() => createActivation({ kind: 'huber', q: 0.5, kappa: 1 })).toThrow(/invalid q: 0.5 \(must be a finite number ≥ 1\)/);
    expect(() => createActivation({ kind: 'huber', q: 3, kappa: 0 })).toThrow(/invalid kappa: 0 \(must be a finite number > 0\)/);
    expect(() => createActivation({ kind: 'huber', q: Number.NaN, kappa: 1 })).toThrow(InvalidParameterError);
    expect(() => createActivation({ kind: 'relu-pow', q: Number.POSITIVE_INFINITY })).toThrow(InvalidParameterError);
  });
});
