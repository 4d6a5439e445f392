import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../src/random/rng.ts';
import { randomOrthonormalRows } from '../../src/random/orthonormal.ts';
import { InvalidParameterError } from '../../src/parameters/validation.ts';
import { maxOffOrthonormal } from '../linalg/helpers.ts';

describe('random orthonormal bases', () => {
  it('rows are orthonormal to 1e-12, including count = dim', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (dim, fraction, seed) => {
          const count = Math.max(1, Math.round(fraction * dim));
          const basis = randomOrthonormalRows(createRng(seed), count, dim);
          expect(basis.rows).toBe(count);
          expect(basis.cols).toBe(dim);
          expect(maxOffOrthonormal(basis)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
    const square = randomOrthonormalRows(createRng('square'), 120, 120);
    expect(maxOffOrthonormal(square)).toBeLessThan(1e-12);
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const a = randomOrthonormalRows(createRng(1), 4, 30).data;
    expect(randomOrthonormalRows(createRng(1), 4, 30).data).toEqual(a);
    expect(randomOrthonormalRows(createRng(2), 4, 30).data).not.toEqual(a);
  });

  it('rejects more vectors than dimensions', () => {
    expect(() => randomOrthonormalRows(createRng(1), 5, 4)).toThrow(InvalidParameterError);
    expect(() => randomOrthonormalRows(createRng(1), 5, 4)).toThrow(/count.*dim \(4\)/);
  });
});
