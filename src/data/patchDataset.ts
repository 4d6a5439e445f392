import { InputError, requireInteger } from '../parameters/validation.ts';

/**
 * Images cut into P non-overlapping patches of dimension d (filter size = stride = d).
 * x is row-major (sample, patch, coordinate); y holds labels in {+1, −1}.
 */
export interface PatchDataset {
  readonly samples: number;
  readonly patches: number;
  readonly dim: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** What checkPatchDataset checks beyond the sizes and labels. */
export interface PatchDatasetCheck {
  /**
   * Whether to scan x for non-finite values (default true). The native backend scans it itself,
   * in the pass that already reads every value, and reports the same error.
   */
  readonly finite?: boolean;
}

/** The error for a non-finite value of x, shared by every place that scans for one. */
export function nonFiniteValueError(index: number, name = 'data'): InputError {
  return new InputError(`${name}: x contains a non-finite value at flat index ${index}`);
}

/** Checks sizes, labels in {+1, −1} and (unless told otherwise) that every value of x is finite. */
export function checkPatchDataset(data: PatchDataset, name = 'data', check: PatchDatasetCheck = {}): PatchDataset {
  const { samples, patches, dim, x, y } = data;
  requireInteger(`${name}.samples`, samples, 1);
  requireInteger(`${name}.patches`, patches, 1);
  requireInteger(`${name}.dim`, dim, 1);
  if (x.length !== samples * patches * dim) {
    throw new InputError(`${name}: x has ${x.length} values, expected samples·patches·dim = ${samples * patches * dim}`);
  }
  if (y.length !== samples) throw new InputError(`${name}: y has ${y.length} labels, expected ${samples}`);
  if (check.finite !== false) {
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) throw nonFiniteValueError(i, name);
    }
  }
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new InputError(`${name}: label ${i} is ${y[i]}, labels must be +1 or -1`);
  }
  return data;
}

/** The flattened-image matrix (samples × patches·dim), for the data stable rank. */
export function imageMatrix(data: PatchDataset) {
  return { rows: data.samples, cols: data.patches * data.dim, data: data.x };
}

/** The patch matrix (samples·patches × dim), the alternative data stable rank. */
export function patchMatrix(data: PatchDataset) {
  return { rows: data.samples * data.patches, cols: data.dim, data: data.x };
}
