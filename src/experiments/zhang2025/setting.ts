import { InvalidParameterError, requireInteger, requireNumber } from '../../parameters/validation.ts';
import type { ActivationSpec } from '../../models/activation.ts';

/**
 * One training experiment of the rank-robustness paper (research notes §1.2, §5 P1): the data
 * model, the two-layer patch CNN, and full-batch gradient descent. `noise` is the background
 * noise level per patch norm, σp·√d; the data model takes σp = noise/√d.
 */
export interface Zhang2025Setting {
  /** Signal directions per class (clean rank 2K). */
  readonly K: number;
  /** Filters per class m. */
  readonly filtersPerClass: number;
  /** Training samples n (a multiple of 2K: the training set is balanced over (y, k)). */
  readonly samples: number;
  /** Patch dimension d. */
  readonly dim: number;
  /** Patches per image P (one signal patch, P − 1 background patches). */
  readonly patches: number;
  /** Background noise σp·√d (‖μ‖ = 1, so this is the inverse of Cao et al.'s SNR). */
  readonly noise: number;
  readonly activation: 'huberized' | 'relu';
  /** Degree of the Huberized ReLU's polynomial head. */
  readonly q: number;
  /** Threshold κ where the Huberized ReLU turns linear. */
  readonly kappa: number;
  /** Initialization scale σ0. */
  readonly initScale: number;
  readonly learningRate: number;
  /** Step cap T. */
  readonly maxSteps: number;
  /** Early stop when the training loss reaches this (0 = never: run all T steps). */
  readonly lossTarget: number;
  /** Fresh i.i.d. test samples for the test error. */
  readonly testSamples: number;
}

/**
 * Run A of the notes' calibration (§1.6): K = 4, m = 20, n = 120, d = 200, q = 4, κ = 0.05,
 * σ0 = 1e-3, η = 10, T = 20 000, with anchors sr(X) = 8.0 / 19.6 / 40.1 and
 * sr(W_T) = 4.49 / 5.19 / 3.44 at σp√d = 0 / 1.41 / 4.24.
 */
export const runA: Zhang2025Setting = {
  K: 4,
  filtersPerClass: 20,
  samples: 120,
  dim: 200,
  patches: 2,
  noise: 0,
  activation: 'huberized',
  q: 4,
  kappa: 0.05,
  initScale: 1e-3,
  learningRate: 10,
  maxSteps: 20_000,
  lossTarget: 0,
  testSamples: 2000,
};

export function activationOf(setting: Zhang2025Setting): ActivationSpec {
  return setting.activation === 'relu' ? { kind: 'relu' } : { kind: 'huber', q: setting.q, kappa: setting.kappa };
}

export function validateSetting(s: Zhang2025Setting): Zhang2025Setting {
  requireInteger('K', s.K, 1);
  requireInteger('filtersPerClass', s.filtersPerClass, 1);
  requireInteger('samples', s.samples, 2 * s.K);
  if (s.samples % (2 * s.K) !== 0) throw new InvalidParameterError('samples', s.samples, `a multiple of 2K = ${2 * s.K}`);
  requireInteger('dim', s.dim, 2 * s.K);
  requireInteger('patches', s.patches, 2);
  requireNumber('noise', s.noise, { min: 0 });
  if (s.activation !== 'huberized' && s.activation !== 'relu')
    throw new InvalidParameterError('activation', s.activation, "'huberized' or 'relu'");
  requireNumber('q', s.q, { min: 1 });
  requireNumber('kappa', s.kappa, { min: 0, exclusiveMin: true });
  requireNumber('initScale', s.initScale, { min: 0 });
  requireNumber('learningRate', s.learningRate, { min: 0, exclusiveMin: true });
  requireInteger('maxSteps', s.maxSteps, 0);
  requireNumber('lossTarget', s.lossTarget, { min: 0 });
  requireInteger('testSamples', s.testSamples, 0);
  return s;
}
