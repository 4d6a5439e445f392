import { choice, fixed, grid, integers, type Domain } from '../../parameters/parameter.ts';
import type { Zhang2025Setting } from './setting.ts';

/**
 * The parameters every zhang2025 training claim draws. Sizes are given per signal direction so
 * that the notes' ranges (m ∈ [5K, 15K], n ∈ [24K, 40K]) read directly: m = filtersPerDirection·K,
 * n = 2K·samplesPerDirection.
 */
export type TrainingParams = {
  K: number;
  filtersPerDirection: number;
  samplesPerDirection: number;
  dim: number;
  /** σp·√d. */
  noise: number;
  activation: 'huberized' | 'relu';
  q: number;
  kappa: number;
  initScale: number;
  learningRate: number;
  maxSteps: number;
  lossTarget: number;
};

/**
 * The signal-dominated domain, scaled for a 2-core CPU: the notes ask for d ∈ [100, 300],
 * K ≤ 4 and σ0 ∈ [1e-3, 5e-3]; a run here takes about 0.5–5 s on the float64 backend. Training stops at
 * L_S ≤ 0.05 (the notes' 0.01 costs about 4× the steps; the convergence claim asks for 0.01). Run A
 * (K = 4, d = 200) is each claim's explicit example at full size.
 */
export const trainingDomain: Domain<TrainingParams> = {
  K: integers(2, 3),
  filtersPerDirection: grid([5, 8]),
  samplesPerDirection: grid([12, 16]),
  dim: grid([100, 120]),
  noise: grid([0, 0.25, 0.5]),
  activation: choice(['huberized', 'relu'] as const).restrict((a) => a === 'huberized'),
  q: grid([4, 3]),
  kappa: grid([0.05, 0.02, 0.1]),
  initScale: grid([5e-3, 2.5e-3]),
  learningRate: fixed(10),
  maxSteps: fixed(20_000),
  lossTarget: fixed(0.05),
};

export function settingOf(p: TrainingParams, testSamples = 2000): Zhang2025Setting {
  return {
    K: p.K,
    filtersPerClass: p.filtersPerDirection * p.K,
    samples: 2 * p.K * p.samplesPerDirection,
    dim: p.dim,
    patches: 2,
    noise: p.noise,
    activation: p.activation,
    q: p.q,
    kappa: p.kappa,
    initScale: p.initScale,
    learningRate: p.learningRate,
    maxSteps: p.maxSteps,
    lossTarget: p.lossTarget,
    testSamples,
  };
}
