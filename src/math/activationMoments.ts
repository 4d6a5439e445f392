import { gaussianExpectation } from './gaussHermite.ts';
import type { ScalarActivation } from './scalarActivation.ts';
import { requireNumber } from '../parameters/validation.ts';

/**
 * The Gaussian moments of an activation that the recovery theory runs on (ZSJBD17 §3, research
 * notes §3.3 and §3.5), all by quadrature over z ~ N(0, 1).
 */

function expectation(phi: ScalarActivation, scale: number, f: (z: number) => number): number {
  return gaussianExpectation(f, { splitAt: phi.kink === null ? null : phi.kink / scale });
}

/** α_q(σ) = E[φ'(σz) z^q]. */
export function alphaMoment(phi: ScalarActivation, sigma: number, q: number): number {
  return expectation(phi, sigma, (z) => phi.derivative(sigma * z) * z ** q);
}

/** β_q(σ) = E[φ'(σz)² z^q]. */
export function betaMoment(phi: ScalarActivation, sigma: number, q: number): number {
  return expectation(phi, sigma, (z) => phi.derivative(sigma * z) ** 2 * z ** q);
}

/** ρ(σ) = min{β₀ − α₀² − α₁², β₂ − α₁² − α₂², α₀α₂ − α₁²} (ZSJBD17 Property 3.2). */
export function rho(phi: ScalarActivation, sigma: number): number {
  requireNumber('sigma', sigma, { min: 0, exclusiveMin: true });
  const [a0, a1, a2] = [0, 1, 2].map((q) => alphaMoment(phi, sigma, q));
  const [b0, b2] = [0, 2].map((q) => betaMoment(phi, sigma, q));
  return Math.min(b0 - a0 * a0 - a1 * a1, b2 - a1 * a1 - a2 * a2, a0 * a2 - a1 * a1);
}

/** Probabilists' Hermite polynomial He_j(z) by the three-term recurrence. */
export function hermitePolynomial(j: number, z: number): number {
  let previous = 1;
  if (j === 0) return previous;
  let current = z;
  for (let i = 1; i < j; i++) [previous, current] = [current, z * current - i * previous];
  return current;
}

/** m_j(s) = E[φ(s z) He_j(z)]: the weight of w̄^{⊗j} in E[y·H_j(x)] for a kernel of norm s. */
export function hermiteCoefficient(phi: ScalarActivation, s: number, j: number): number {
  return expectation(phi, s, (z) => phi.value(s * z) * hermitePolynomial(j, z));
}

/**
 * Inverts z = m_j(s) for s > 0 by bisection, for coefficients increasing in s: m₁ for every
 * nondecreasing φ (d/ds E[φ(sz)z] = E[φ'(sz)z²] ≥ 0), m₂ for the ReLU family (s/√(2π)·(1−α),
 * s²). Values beyond sup m_j (bounded activations) are clipped to the largest scale searched.
 */
export function inverseCoefficient(phi: ScalarActivation, j: number, target: number, maxScale = 10): number {
  if (!(target > 0)) return 0;
  let lo = 0;
  let hi = 1;
  while (hermiteCoefficient(phi, hi, j) < target && hi < maxScale) hi = Math.min(2 * hi, maxScale);
  if (hermiteCoefficient(phi, hi, j) < target) return hi;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (hermiteCoefficient(phi, mid, j) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function inverseFirstCoefficient(phi: ScalarActivation, target: number, maxScale = 10): number {
  return inverseCoefficient(phi, 1, target, maxScale);
}
