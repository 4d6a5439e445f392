import type { ClaimExample } from '../../claims/claim.ts';
import type { TrainingParams } from './trainingDomain.ts';

/** Run A (notes §1.6) as claim parameters, at a noise level σp√d and a step schedule. */
export function runAParams(noise: number, maxSteps: number, lossTarget: number): TrainingParams & { seed: number } {
  return {
    K: 4,
    filtersPerDirection: 5,
    samplesPerDirection: 15,
    dim: 200,
    noise,
    activation: 'huberized',
    q: 4,
    kappa: 0.05,
    initScale: 1e-3,
    learningRate: 10,
    maxSteps,
    lossTarget,
    seed: 0,
  };
}

/**
 * Run A that always runs: under `smoke`/`ci` it stops early once L_S ≤ 0.1 (about 3 300 steps,
 * ~25 s on the float64 backend; the 20 000 steps take ~2 min per noise level); under `deep`
 * it runs the notes' full T = 20 000 steps.
 */
export function runAExamples(noise: number, expect: 'holds' | 'fails', label = ''): ClaimExample<TrainingParams>[] {
  const name = `run A, σp√d = ${noise}${label ? ` (${label})` : ''}`;
  return [
    { name: `${name}, early stop at L ≤ 0.1`, params: runAParams(noise, 4000, 0.1), expect, profiles: ['smoke', 'ci'] },
    { name: `${name}, T = 20000`, params: runAParams(noise, 20_000, 0), expect, profiles: ['deep'] },
  ];
}
