import type { Tolerance } from '../../src/compute/backend.ts';

/**
 * |actual − expected| ≤ relative · scale + absolute, where the scale is the largest |expected|
 * of the whole vector: float32 rounding is relative to the magnitudes summed, not to each entry.
 * Returns a description of the worst violation, or null.
 */
export function mismatch(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance): string | null {
  if (actual.length !== expected.length) return `${what}: length ${actual.length}, expected ${expected.length}`;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const bound = tolerance.relative * scale + tolerance.absolute;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= bound)) return `${what}[${i}]: ${actual[i]} vs reference ${expected[i]} (error ${error}, bound ${bound})`;
  }
  return null;
}
