import { InvalidParameterError } from '../parameters/validation.ts';

/** The default --max-elements: 5·10⁷ numbers, 400 MB as float64, per array `train` makes. */
export const DEFAULT_MAX_ELEMENTS = 50_000_000;

export interface TrainShape {
  readonly n: number;
  readonly patches: number;
  readonly dim: number;
  readonly filtersPerClass: number;
  /** Rows of the signal basis, when one is given. */
  readonly basisRows?: number;
  /** Whether the data stable rank (an n × n Gram matrix) is computed. */
  readonly dataRank: boolean;
}

/**
 * The arrays `train` will make, from the shape alone, so that a size no machine can hold is
 * refused (exit 2, naming the option) before any typed array or matrix is allocated, instead of
 * "Invalid typed array length" or an out-of-memory kill. Products are computed in float64 and
 * compared against the limit, so even 10⁵ · 10² · 10⁴ does not overflow into a small number.
 */
export function trainArrays(shape: TrainShape): { what: string; elements: number; option: string }[] {
  const { n, patches, dim, filtersPerClass: m } = shape;
  return [
    { what: 'the data X (n·P·d)', elements: n * patches * dim, option: 'n, patches, dim (or the shape of --data)' },
    { what: 'the filters W (2m·d)', elements: 2 * m * dim, option: 'filters' },
    { what: 'the pre-activations (n·P·2m)', elements: n * patches * 2 * m, option: 'filters, n, patches' },
    ...(shape.dataRank
      ? [{ what: 'the Gram matrix of the data stable rank (n·n)', elements: n * n, option: 'n (or pass --no-data-rank)' }]
      : []),
    ...(shape.basisRows !== undefined
      ? [{ what: 'the filter/basis cosines (2m·2K)', elements: 2 * m * shape.basisRows, option: 'filters, basis' }]
      : []),
  ];
}

/** Throws an InvalidParameterError naming the first array over `maxElements` and how to allow it. */
export function checkTrainSizes(shape: TrainShape, maxElements: number): void {
  for (const array of trainArrays(shape)) {
    if (!(array.elements <= maxElements)) {
      throw new InvalidParameterError(
        array.option,
        `${array.elements.toExponential(2)} elements for ${array.what}`,
        `at most --max-elements ${maxElements} (${((maxElements * 8) / 1e9).toFixed(1)} GB as float64); raise --max-elements if this machine has the memory`,
      );
    }
  }
}
