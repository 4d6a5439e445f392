import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid } from '../../src/parameters/parameter.ts';
import { settingOf, trainingDomain } from '../../src/experiments/zhang2025/trainingDomain.ts';
import { trainedRun } from '../../src/experiments/zhang2025/trainingCache.ts';
import { runAExamples } from '../../src/experiments/zhang2025/runAExamples.ts';
import { zhang2025 } from './paper.ts';

/**
 * P1-C7: the polynomial head makes early learning winner-take-all, like a tensor power method,
 * so the clean direction a filter ends up on is the one it was already closest to at init.
 */
export const winnerDecidedAtInit = defineClaim({
  id: 'zhang2025/winner-decided-at-init',
  paper: { ...zhang2025, where: 'Emergentmind summary: "a randomly initialized basis vector" (research notes §1.3 item 4, §5 P1-C7)' },
  title: 'The direction a filter wins is decided at initialization',
  statement: 'For the large filters (‖w_T‖ ≥ 0.3·max in class), argmax_k ⟨w_T, u(c,k)⟩ = argmax_k ⟨w_0, u(c,k)⟩ for at least 80% of them.',
  provenance: {
    kind: 'reconstructed',
    source:
      "mechanism from a machine-written summary; threshold from the notes' run D (0.866 Huberized vs 0.652 ReLU) and §5 P1-C7. Holding domain narrowed to q = 4, κ = 0.1 by the pass-rate breakdown: over 60 CI runs q = 3 passed 16/24 against 34/36 at q = 4; over 150 runs at q = 4 the pass rate rises with κ: 40/55 (0.02), 42/50 (0.05), 44/45 (0.1); the narrower heads are probes",
  },
  conditions: [
    'Huberized ReLU with q = 4 and a wide polynomial head κ = 0.1 (not reliably at q = 3 or κ ≤ 0.05), small init, η = 10, trained until L_S ≤ 0.05',
    'σp√d ≤ 0.5',
  ],
  // q = 3 and κ < 0.1 left out: the pass-rate breakdown found the misses there (docs/verdicts.md); see the probes below.
  domain: { ...trainingDomain, q: grid([4]), kappa: grid([0.1]) },
  passCondition: 'winner agreement ≥ 0.8 among the large filters',
  kind: 'stochastic',
  threshold: 0.8,
  failureRegimes: [
    {
      name: 'cubic head (q = 3)',
      why: 'found by the pass-rate breakdown: 16/24 runs pass at q = 3 against 34/36 at q = 4 (60 CI runs)',
      domain: { q: grid([3]), kappa: grid([0.05, 0.02, 0.1]) },
      expectation: 'probe',
    },
    {
      name: 'narrower polynomial head (κ ≤ 0.05)',
      why: 'found by the pass-rate breakdown at q = 4: agreement ≥ 0.8 in 40/55 runs at κ = 0.02 and 42/50 at 0.05, against 44/45 at 0.1 (150 CI runs, Holm-corrected Fisher test significant): a shorter winner-take-all phase leaves the race less decided at init',
      domain: { kappa: grid([0.05, 0.02]) },
      expectation: 'probe',
    },
    {
      name: 'plain ReLU',
      why: 'without the polynomial head there is no winner-take-all race, so the final direction is not set by the init (0.652 in run D); at K = 2 there are too few directions to tell (we measured 0.88), so the regime is K = 3',
      domain: { activation: choice(['relu'] as const), K: grid([3]) },
      expectation: 'must-fail',
    },
    {
      name: 'large initialization (σ0√d ≈ 4)',
      why: 'a large random init puts the filters past the polynomial head from the start (0.681 in run D); but the large init also fixes the ranking of projections, and over 8 seeds at K = 3 we measured agreement 0.67–0.93 (about half below 0.8, and 0.73–0.93 even at σ0 = 1), so this is a probe',
      domain: { initScale: grid([0.3, 0.4]), K: grid([3]) },
      expectation: 'probe',
    },
  ],
  examples: runAExamples(0, 'holds'),
  budgets: { smoke: { runs: 3, runTimeMs: 60_000 }, ci: { runs: 100, claimTimeMs: 90_000, runTimeMs: 60_000 }, deep: { runs: 200 } },
  measure(params, context) {
    return trainedRun(settingOf(params), context);
  },
  holds(m) {
    const margin = m.winnerAgreement - 0.8;
    return {
      pass: margin >= 0,
      margin,
      detail: `winner agreement ${m.winnerAgreement.toFixed(3)} (max-cos ${m.weightedMaxCosine.toFixed(3)}, ${m.steps} steps)`,
    };
  },
});
