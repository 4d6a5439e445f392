import { type Rng, gaussianArray } from '../random/rng.ts';
import { requireInteger, requireNumber } from '../parameters/validation.ts';

/** Filters W ∈ R^(2m×d) with i.i.d. N(0, σ0²) entries. */
export function gaussianFilters(rng: Rng, filtersPerClass: number, dim: number, initScale: number): Float64Array {
  requireInteger('filtersPerClass', filtersPerClass, 1);
  requireInteger('dim', dim, 1);
  requireNumber('initScale', initScale, { min: 0 });
  return gaussianArray(rng, 2 * filtersPerClass * dim, initScale);
}
