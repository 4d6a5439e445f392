import { defineClaim } from '../../src/claims/claim.ts';
import { parameterBounds } from '../../src/explore/conditionLines.ts';
import { choice, fixed, grid } from '../../src/parameters/parameter.ts';
import { settingOf, trainingDomain } from '../../src/experiments/zhang2025/trainingDomain.ts';
import { trainedRun } from '../../src/experiments/zhang2025/trainingCache.ts';
import { runAExamples } from '../../src/experiments/zhang2025/runAExamples.ts';
import { alignmentViolations } from '../../src/experiments/zhang2025/alignmentCriteria.ts';
import { verdictFromViolations } from '../../src/claims/verdictFromViolations.ts';
import { zhang2025 } from './paper.ts';

/**
 * P1-C6: each trained filter points along one clean basis vector, and the large filters of each
 * class between them cover all K of its directions. This is what makes a low filter stable rank
 * mean "learned the intrinsic dimension" rather than "memorised a few noise directions".
 */
export const filtersAlignWithCleanDirections = defineClaim({
  id: 'zhang2025/filters-align-with-clean-directions',
  paper: {
    ...zhang2025,
    where:
      'Emergentmind summary: "each filter learns predominantly along the direction of a randomly initialized basis vector" (research notes §1.1, §1.3, §5 P1-C6)',
  },
  title: 'Each filter aligns with one clean direction, and the filters cover all of them',
  statement:
    'After training in the signal-dominated regime, the norm-weighted mean of max_b |cos(w, u_b)| is ≥ 0.85, the signal-energy fraction ‖Π_U W‖F²/‖W‖F² is ≥ 0.8, and the large filters (‖w‖ ≥ 0.3·max in class) of each class cover all K of its directions.',
  provenance: {
    kind: 'reconstructed',
    source:
      "mechanism from a machine-written summary (weak evidence); thresholds from the notes' calibration (0.914 in run A, 0.967 in run B, at q = 4, κ = 0.05) and §5 P1-C6. Holding domain narrowed to q = 4, κ ∈ {0.05, 0.1} by the pass-rate breakdown: over 60 CI runs q = 3 passed 17/30 against 28/30 at q = 4, and over 150 runs at q = 4 κ = 0.02 passed 34/52 against 94/98 at κ ≥ 0.05 (max-cos 0.77–0.85 against the 0.85 bound); both are probes",
  },
  conditions: [
    'Huberized ReLU with a polynomial head q = 4 and κ ≥ 0.05 (found to miss at q = 3 and at κ = 0.02), small init, η = 10, trained until L_S ≤ 0.05',
    'σp√d ≤ 0.5',
  ],
  conditionCurves: parameterBounds({ noise: { at: 0.5, label: 'stated condition σp√d ≤ 0.5' } }),
  // q = 3 and κ = 0.02 left out: the pass-rate breakdown found the misses there (docs/verdicts.md); see the probes below.
  domain: { ...trainingDomain, q: grid([4]), kappa: grid([0.05, 0.1]) },
  passCondition: 'weighted max-cos ≥ 0.85, signal fraction ≥ 0.8, coverage = K for both classes',
  kind: 'stochastic',
  threshold: 0.8,
  failureRegimes: [
    {
      name: 'cubic head (q = 3)',
      why: 'found by the pass-rate breakdown: 17/30 runs pass at q = 3 against 28/30 at q = 4 (60 CI runs, Holm-corrected Fisher test significant); the filters align to max-cos 0.77–0.85, just under the 0.85 calibrated at q = 4',
      domain: { q: grid([3]) },
      expectation: 'probe',
    },
    {
      name: 'sharp head (κ = 0.02)',
      why: 'found by the pass-rate breakdown at q = 4: 34/52 runs pass at κ = 0.02 against 56/60 at 0.05 and 38/38 at 0.1 (150 CI runs), almost all misses at K = 3 with max-cos 0.79–0.85',
      domain: { kappa: grid([0.02]) },
      expectation: 'probe',
    },
    {
      name: 'noise memorisation (σp√d ≥ 4)',
      why: 'the filters fit the background noise: a low stable rank without alignment (max-cos 0.023 in run A at 4.24), which must not count as success',
      domain: { noise: grid([4.24, 6]) },
      expectation: 'must-fail',
    },
    {
      name: 'plain ReLU',
      why: 'without the polynomial head there is no winner-take-all phase, so filters mix several directions (max-cos 0.75 in run A); at K = 2 the mixing is too weak to show at these sizes (we measured max-cos 0.93), so the regime is K = 3',
      domain: { activation: choice(['relu'] as const), K: grid([3]) },
      expectation: 'must-fail',
    },
    {
      name: 'large initialization (σ0√d ≈ 4)',
      why: 'a large random part survives training and dilutes the alignment (max-cos 0.68 in run D)',
      domain: { initScale: grid([0.3, 0.4]) },
      expectation: 'must-fail',
    },
    {
      name: 'large κ (the polynomial head never ends)',
      why: 'with κ ≫ the pre-activations the dynamics stay in the flat polynomial head and learning stalls (we measured L_S = ln 2, max-cos 0.14 after all 20 000 steps at κ = 5); the cap is 1 000 steps here (κ = 0.05 needs 200–900) to save time',
      domain: { kappa: grid([5, 20]), maxSteps: fixed(1000) },
      expectation: 'must-fail',
    },
  ],
  examples: [...runAExamples(0, 'holds'), ...runAExamples(4.24, 'fails', 'noise memorisation').filter((e) => e.profiles?.includes('deep'))],
  budgets: { smoke: { runs: 3, runTimeMs: 60_000 }, ci: { runs: 100, claimTimeMs: 90_000, runTimeMs: 60_000 }, deep: { runs: 200 } },
  measure(params, context) {
    return trainedRun(settingOf(params), context);
  },
  holds(m, params) {
    const violations = alignmentViolations(m, params.K);
    const summary = `max-cos ${m.weightedMaxCosine.toFixed(3)}, signal fraction ${m.signalFraction.toFixed(3)}, coverage ${m.coverage.join('/')} of ${params.K}, sr(W_T) = ${m.filterStableRank.toFixed(2)}`;
    return verdictFromViolations(violations, summary);
  },
});
