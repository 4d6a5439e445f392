import type { ActivationSpec } from './activation.ts';
import { createActivation } from './activation.ts';
import type { PatchDataset } from '../data/patchDataset.ts';

/**
 * The two-layer patch CNN of the rank-robustness paper, with the second layer fixed:
 *   f(W, x) = F₊(x) − F₋(x),   F_c(x) = (1/m) Σ_r Σ_p σ(⟨w(c,r), x_p⟩).
 * W is 2m × d: rows 0..m−1 are the class +1 filters, rows m..2m−1 the class −1 filters.
 */
export interface PatchCnnSpec {
  readonly filtersPerClass: number;
  readonly activation: ActivationSpec;
}

/** Sign of the fixed second-layer weight of filter row j. */
export function filterClassSign(row: number, filtersPerClass: number): 1 | -1 {
  return row < filtersPerClass ? 1 : -1;
}

/** Logistic loss log(1 + e^(−z)), computed without overflow. */
export function logisticLoss(margin: number): number {
  return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
}

/** −ℓ'(z) = 1/(1 + e^z), stable for large |z|. */
export function logisticWeight(margin: number): number {
  if (margin >= 0) {
    const e = Math.exp(-margin);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(margin));
}

/** Network outputs f(W, x_i) for every sample, float64, by the definition. */
export function patchCnnOutputs(spec: PatchCnnSpec, weights: Float64Array, data: PatchDataset): Float64Array {
  const act = createActivation(spec.activation);
  const { samples, patches, dim, x } = data;
  const m = spec.filtersPerClass;
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    let f = 0;
    for (let j = 0; j < 2 * m; j++) {
      const sign = filterClassSign(j, m);
      for (let p = 0; p < patches; p++) {
        let z = 0;
        const base = (i * patches + p) * dim;
        for (let k = 0; k < dim; k++) z += weights[j * dim + k] * x[base + k];
        f += sign * act.value(z);
      }
    }
    out[i] = f / m;
  }
  return out;
}

/** Test error: the fraction of samples with y·f ≤ 0. */
export function classificationError(spec: PatchCnnSpec, weights: Float64Array, data: PatchDataset): number {
  const outputs = patchCnnOutputs(spec, weights, data);
  let wrong = 0;
  for (let i = 0; i < data.samples; i++) if (data.y[i] * outputs[i] <= 0) wrong++;
  return wrong / data.samples;
}

/** Mean logistic loss of the network on a dataset. */
export function meanLogisticLoss(spec: PatchCnnSpec, weights: Float64Array, data: PatchDataset): number {
  const outputs = patchCnnOutputs(spec, weights, data);
  let loss = 0;
  for (let i = 0; i < data.samples; i++) loss += logisticLoss(data.y[i] * outputs[i]);
  return loss / data.samples;
}
