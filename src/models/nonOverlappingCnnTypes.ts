import type { ScalarActivation } from '../math/scalarActivation.ts';

/**
 * The non-overlapping multi-kernel CNN of Zhong–Song–Dhillon (research notes §3.2):
 * x ∈ R^{k·r} is cut into r patches x_l ∈ R^k, and f_W(x) = Σ_j v_j Σ_l φ(w_jᵀ x_l) — a conv
 * layer with stride = kernel size, t channels and sum pooling. Kernels are stored as the rows
 * of a t×k array (row j is w_j).
 */
export interface NonOverlappingCnn {
  readonly k: number;
  readonly r: number;
  readonly t: number;
  readonly activation: ScalarActivation;
  /** Output weights v_j (all ones unless stated). */
  readonly v: Float64Array;
}

/** n inputs, row-major n × (k·r), and their labels. */
export interface CnnData {
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}
