import type { TrainingParams } from './trainingDomain.ts';
import { runA } from './setting.ts';
import { runAParams } from './runAExamples.ts';

/**
 * Run A's calibration values (research notes §1.6) and how closely a re-run can be expected to
 * meet them. sr(X) depends only on the data model: 8.0 is exact (balanced clean data), and over
 * 12 seeds of our generator the noisy values spread over 19.3–20.0 and 37.1–41.1, so they are
 * held to 3% and 8%. sr(W_T) varies from seed to seed far more: the full schedule (T = 20 000)
 * over seeds 0–9 gave 3.56–6.00 at σp = 0 (median 4.50; the notes' run A: 4.49), 4.10–6.95 at
 * σp√d = 1.41 (median 5.5; notes 5.19) and 3.36–4.22 at 4.24 (notes 3.44). One seed is held to
 * that range, slightly widened, and only after the full schedule: under the CI early stop
 * (L_S ≤ 0.1, about 2 600 steps) sr(W) has not settled (seed 0: 4.70 then, 4.02 at T = 20 000).
 */
export const runAAnchors = {
  dataStableRank: { 0: 8.0, 1.41: 19.6, 4.24: 40.1 } as Record<number, number>,
  dataStableRankTolerance: { 0: 1e-9, 1.41: 0.03, 4.24: 0.08 } as Record<number, number>,
  /** sr(W_T) at σp = 0 after T = 20 000, one seed: the 10-seed range 3.56–6.00, widened 5%. */
  cleanFilterStableRankBand: [3.4, 6.3] as const,
};

const runASizes = ['K', 'filtersPerDirection', 'samplesPerDirection', 'dim', 'q', 'kappa', 'initScale'] as const;

/** Whether the sizes, activation shape and initialization are run A's (any noise level and schedule). */
export function isRunA(p: Pick<TrainingParams, (typeof runASizes)[number]>): boolean {
  const reference = runAParams(runA.noise, runA.maxSteps, runA.lossTarget);
  return runASizes.every((key) => p[key] === reference[key]);
}

/** Whether a run A example ran the notes' full schedule (the `deep` example) rather than the CI early stop. */
export function isFullRunA(p: TrainingParams): boolean {
  return isRunA(p) && p.maxSteps >= runA.maxSteps && p.lossTarget === runA.lossTarget;
}
