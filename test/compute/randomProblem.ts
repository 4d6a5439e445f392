import fc from 'fast-check';
import type { PatchCnnProblem } from '../../src/compute/backend.ts';
import type { ActivationSpec } from '../../src/models/activation.ts';
import { createRng } from '../../src/random/rng.ts';

/** What fast-check draws; the values themselves come from a seeded stream. */
export interface ProblemPlan {
  samples: number;
  patches: number;
  dim: number;
  filtersPerClass: number;
  activation: ActivationSpec;
  /** log10 of the data and weight scales: tiny (−6) to huge (+3). */
  dataScale: number;
  weightScale: number;
  /** Probability that a patch is all zeros, or a copy of an earlier patch, or that one value is zero. */
  zeroPatches: number;
  duplicatePatches: number;
  zeroValues: number;
  seed: number;
}

/**
 * Activations with a continuous derivative only, for float32 paths: with a jump in σ' (ReLU,
 * Huber q = 1) a z within rounding of 0 or κ flips the slope, a difference no tolerance bounds.
 */
export const smoothActivation: fc.Arbitrary<ActivationSpec> = fc.oneof(
  fc.record({ kind: fc.constant('huber' as const), q: fc.constantFrom(1.5, 2, 3, 4), kappa: fc.constantFrom(0.01, 0.5, 1, 4) }),
  fc.record({ kind: fc.constant('relu-pow' as const), q: fc.constantFrom(1.5, 2, 3) }),
);

export const anyActivation: fc.Arbitrary<ActivationSpec> = fc.oneof(
  smoothActivation,
  fc.record({ kind: fc.constant('huber' as const), q: fc.constant(1), kappa: fc.constantFrom(0.1, 1) }),
  fc.constant({ kind: 'relu' as const }),
);

export function problemPlan(
  activation: fc.Arbitrary<ActivationSpec>,
  max = { samples: 8, patches: 4, dim: 24, filtersPerClass: 4 },
): fc.Arbitrary<ProblemPlan> {
  return fc.record({
    samples: fc.integer({ min: 1, max: max.samples }),
    patches: fc.integer({ min: 1, max: max.patches }),
    dim: fc.integer({ min: 1, max: max.dim }),
    filtersPerClass: fc.integer({ min: 1, max: max.filtersPerClass }),
    activation,
    dataScale: fc.constantFrom(-6, -2, 0, 0, 0, 1, 3),
    weightScale: fc.constantFrom(-6, -2, -1, 0, 1),
    zeroPatches: fc.constantFrom(0, 0, 0.3, 1),
    duplicatePatches: fc.constantFrom(0, 0, 0.5),
    zeroValues: fc.constantFrom(0, 0, 0.3),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

/**
 * A fixed plan for tests that need one small problem: Huber q = 3, κ = 0.5, unit-scale data,
 * weights at 0.1, no zero or repeated patches; `overrides` changes what a test is about.
 */
export function plainPlan(overrides: Partial<ProblemPlan>): ProblemPlan {
  return {
    samples: 6,
    patches: 3,
    dim: 10,
    filtersPerClass: 2,
    activation: { kind: 'huber', q: 3, kappa: 0.5 },
    dataScale: 0,
    weightScale: -1,
    zeroPatches: 0,
    duplicatePatches: 0,
    zeroValues: 0,
    seed: 0,
    ...overrides,
  };
}

export function buildProblem(plan: ProblemPlan): PatchCnnProblem {
  const rng = createRng(plan.seed);
  const { samples, patches, dim, filtersPerClass: m } = plan;
  const x = new Float64Array(samples * patches * dim);
  const dataScale = 10 ** plan.dataScale / Math.sqrt(dim);
  for (let s = 0; s < samples * patches; s++) {
    const roll = rng.uniform();
    if (roll < plan.zeroPatches) continue;
    if (s > 0 && roll < plan.zeroPatches + plan.duplicatePatches) {
      const source = rng.integer(s);
      x.copyWithin(s * dim, source * dim, (source + 1) * dim);
      continue;
    }
    for (let k = 0; k < dim; k++) x[s * dim + k] = rng.uniform() < plan.zeroValues ? 0 : dataScale * rng.gaussian();
  }
  const y = new Float64Array(samples);
  for (let i = 0; i < samples; i++) y[i] = rng.uniform() < 0.5 ? 1 : -1;
  const w = new Float64Array(2 * m * dim);
  for (let i = 0; i < w.length; i++) w[i] = 10 ** plan.weightScale * rng.gaussian();
  return { model: { filtersPerClass: m, activation: plan.activation }, data: { samples, patches, dim, x, y }, initialWeights: w };
}
