import { describe, expect, test } from 'vitest';
import { gaussHermiteRule, gaussianExpectation, splitGaussianRule } from '../../src/math/gaussHermite.ts';
import { type ActivationName, scalarActivation } from '../../src/math/scalarActivation.ts';
import { hermiteCoefficient, hermitePolynomial, inverseFirstCoefficient, rho } from '../../src/math/activationMoments.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';

describe('Gaussian quadrature', () => {
  test('Gauss–Hermite with 200 nodes integrates Gaussian moments exactly', () => {
    const rule = gaussHermiteRule(200);
    expect(rule.nodes.length).toBe(200);
    const doubleFactorial = [1, 1, 3, 15, 105, 945];
    for (let j = 0; j <= 5; j++) {
      expect(gaussianExpectation((z) => z ** (2 * j))).toBeCloseTo(doubleFactorial[j], 9);
      expect(Math.abs(gaussianExpectation((z) => z ** (2 * j + 1)))).toBeLessThan(1e-10);
    }
  });

  test('the split rule is exact for kinked integrands where one Hermite rule is not', () => {
    const relu = (z: number) => Math.max(z, 0);
    const exact = 1 / Math.sqrt(2 * Math.PI);
    expect(Math.abs(gaussianExpectation(relu, { splitAt: 0 }) - exact)).toBeLessThan(1e-14);
    expect(splitGaussianRule(200).nodes.length).toBe(400);
    // E[(z − 0.5)₊] = φ(0.5) − 0.5·(1 − Φ(0.5))
    const shifted = gaussianExpectation((z) => Math.max(z - 0.5, 0), { splitAt: 0.5 });
    expect(shifted).toBeCloseTo(Math.exp(-0.125) / Math.sqrt(2 * Math.PI) - 0.5 * 0.3085375387259869, 12);
  });

  test('He_j are orthogonal with E[He_j²] = j!', () => {
    for (let i = 0; i <= 4; i++)
      for (let j = 0; j <= 4; j++) {
        const value = gaussianExpectation((z) => hermitePolynomial(i, z) * hermitePolynomial(j, z));
        expect(value).toBeCloseTo(i === j ? [1, 1, 2, 6, 24][i] : 0, 10);
      }
  });
});

describe('ρ(σ) and Hermite coefficients against the research notes’ tables (§3.3, §3.5)', () => {
  const rhoTable: [ActivationName, number][] = [
    ['relu', 0.0908],
    ['leaky-relu', 0.0736],
    ['squared-relu', 0.2732],
    ['sigmoid', 0.0021],
    ['tanh', 0.0492],
  ];
  test.each(rhoTable)('ρ(1) for %s is %f', (name, value) => {
    expect(rho(scalarActivation(name, { leak: 0.1 }), 1)).toBeCloseTo(value, 4);
  });

  test('closed forms: ReLU 1/4 − 1/(2π) at every σ, leaky (1−α)² times it, quadratic −4σ², linear 0', () => {
    for (const sigma of [0.3, 1, 2.7]) {
      expect(rho(scalarActivation('relu'), sigma)).toBeCloseTo(0.25 - 1 / (2 * Math.PI), 12);
      expect(rho(scalarActivation('leaky-relu', { leak: 0.3 }), sigma)).toBeCloseTo(0.49 * (0.25 - 1 / (2 * Math.PI)), 12);
      expect(rho(scalarActivation('quadratic'), sigma)).toBeCloseTo(-4 * sigma * sigma, 10);
      expect(Math.abs(rho(scalarActivation('linear'), sigma))).toBeLessThan(1e-12);
      expect(rho(scalarActivation('squared-relu'), sigma)).toBeCloseTo(0.27324 * sigma * sigma, 4);
    }
  });

  test('ρ varies with scale for sigmoid and tanh as tabulated', () => {
    expect(rho(scalarActivation('sigmoid'), 0.5)).toBeCloseTo(0.00032, 5);
    expect(rho(scalarActivation('sigmoid'), 2)).toBeCloseTo(0.0031, 4);
    expect(rho(scalarActivation('tanh'), 0.5)).toBeCloseTo(0.034, 3);
    expect(rho(scalarActivation('tanh'), 2)).toBeCloseTo(0.015, 3);
  });

  const mTable: [ActivationName, number[]][] = [
    ['relu', [0.5, 0.3989, 0, -0.3989]],
    ['leaky-relu', [0.55, 0.359, 0, -0.359]],
    ['squared-relu', [0.7979, 1, 0.7979, 0]],
    ['sigmoid', [0.2066, 0, -0.0624, 0]],
    ['tanh', [0.6057, 0, -0.3636, 0]],
    ['linear', [1, 0, 0, 0]],
  ];
  test.each(mTable)('m_1..m_4 at s = 1 for %s', (name, values) => {
    const phi = scalarActivation(name, { leak: 0.1 });
    values.forEach((value, i) => expect(hermiteCoefficient(phi, 1, i + 1)).toBeCloseTo(value, 4));
  });

  test('m₁ inverts by bisection', () => {
    for (const name of ['relu', 'squared-relu', 'tanh', 'sigmoid'] as const) {
      const phi = scalarActivation(name);
      for (const s of [0.3, 0.8, 1.7]) expect(inverseFirstCoefficient(phi, hermiteCoefficient(phi, s, 1))).toBeCloseTo(s, 8);
    }
  });

  test('bad input names the parameter', () => {
    expect(() => rho(scalarActivation('relu'), 0)).toThrow(InvalidParameterError);
    expect(() => scalarActivation('leaky-relu', { leak: 2 })).toThrow(/leak/);
  });
});
