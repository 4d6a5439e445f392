import type { ClaimExample } from '../../claims/claim.ts';
import type { TrainingParams } from './trainingDomain.ts';
import { runA } from './setting.ts';

/** Run A (notes §1.6, `runA` in setting.ts) as claim parameters, at a noise level σp√d and a step schedule. */
export function runAParams(noise: number, maxSteps: number, lossTarget: number): TrainingParams & { seed: number } {
  return {
    K: runA.K,
    filtersPerDirection: runA.filtersPerClass / runA.K,
    samplesPerDirection: runA.samples / (2 * runA.K),
    dim: runA.dim,
    noise,
    activation: runA.activation,
    q: runA.q,
    kappa: runA.kappa,
    initScale: runA.initScale,
    learningRate: runA.learningRate,
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
    { name: `${name}, T = 20000`, params: runAParams(noise, runA.maxSteps, runA.lossTarget), expect, profiles: ['deep'] },
  ];
}
