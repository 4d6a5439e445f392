import { defineClaim } from '../../src/claims/claim.ts';
import { parameterBounds } from '../../src/explore/conditionLines.ts';
import { grid } from '../../src/parameters/parameter.ts';
import { settingOf, trainingDomain } from '../../src/experiments/zhang2025/trainingDomain.ts';
import { trainedRun } from '../../src/experiments/zhang2025/trainingCache.ts';
import { runAExamples } from '../../src/experiments/zhang2025/runAExamples.ts';
import { isRunA, runAAnchors } from '../../src/experiments/zhang2025/runAAnchors.ts';
import { alignmentViolations } from '../../src/experiments/zhang2025/alignmentCriteria.ts';
import { verdictFromViolations } from '../../src/claims/verdictFromViolations.ts';
import { zhang2025 } from './paper.ts';

/**
 * Alignment demanded of the noisy filters: "mostly signal" rather than P1-C6's clean-data 0.85,
 * which the notes' own run A misses at σp√d = 1.41 (max-cos 0.823). Noise memorisation sits far
 * below (max-cos 0.023 in run A at 4.24; 0.13 and signal fraction 0.06 here).
 */
const noisyAlignment = { weightedMaxCosine: 0.6, signalFraction: 0.5 };

/**
 * P1-C4, the headline: adding background noise moves the filter stable rank far less than the
 * data stable rank. Same data, signal basis and W₀; only σp changes. A low stable rank reached
 * by memorising noise is not the claim, so the noisy filters must also be aligned (P1-C6).
 */
export const filterRankRobust = defineClaim({
  id: 'zhang2025/filter-rank-robust',
  paper: {
    ...zhang2025,
    where:
      'abstract; TL;DR "the CNN filters\' stable rank stays close to the clean-data rank 2K … while the data stable rank explodes" (research notes §1.1, §5 P1-C4)',
  },
  title: 'Filter stable rank is robust to background noise while the data stable rank explodes',
  statement:
    'With data, signal basis and initialization fixed, adding background noise σp√d ∈ {1.41, 1.5} leaves R_W = sr(W_T; σp)/sr(W_T; 0) within [0.7, 1.4] while R_X = sr(X; σp)/sr(X; 0) ≥ 2, and the noisy filters are still mostly signal, aligned with the clean directions (weighted max-cos ≥ 0.6, signal fraction ≥ 0.5, all K directions covered per class).',
  provenance: {
    kind: 'reconstructed',
    source:
      "qualitative claim quoted from the TL;DR; ratios and thresholds from the notes' calibration (§1.6 run A: R_W = 1.16, R_X = 2.45) and §5 P1-C4, AND-ed with P1-C6 as the notes require, its thresholds relaxed to 0.6/0.5 because run A itself has max-cos 0.823 at σp√d = 1.41",
  },
  conditions: [
    "Huberized ReLU, small Gaussian init, full-batch GD at η = 10, trained until L_S ≤ 0.05 (cap 20 000 steps; the notes' 0.01 costs 4× the steps)",
    'σp√d ≥ 1.41 so that R_X ≥ 2 is reachable (R_X ≈ 1.8 at σp√d = 1)',
    'signal-dominated noise: n·SNR^q ≫ 1',
    'sizes scaled for a 2-core CPU (d ∈ {100, 120}, K ∈ {2, 3}); run A is the full-size example',
  ],
  conditionCurves: parameterBounds({ noise: { at: 1.41, label: 'σp√d ≥ 1.41 (R_X ≥ 2 reachable)' } }),
  domain: { ...trainingDomain, noise: grid([1.41, 1.5]) },
  passCondition:
    'R_W ∈ [0.7, 1.4] and R_X ≥ 2, and the noisy filters are aligned (weighted max-cos ≥ 0.6, signal fraction ≥ 0.5, coverage = K for both classes; P1-C6 with thresholds relaxed for noise)',
  kind: 'stochastic',
  threshold: 0.8,
  failureRegimes: [
    {
      name: 'noise memorisation (σp√d ≥ 4)',
      why: 'the filters fit the background noise: the stable rank may still look robust (R_W = 0.77 in run A at 4.24) but the filters are noise, so the AND with alignment fails',
      domain: { noise: grid([4.24, 6]) },
      expectation: 'must-fail',
    },
  ],
  examples: runAExamples(1.41, 'holds'),
  budgets: { smoke: { runs: 3, runTimeMs: 60_000 }, ci: { runs: 100, claimTimeMs: 90_000, runTimeMs: 150_000 }, deep: { runs: 200 } },
  onDiverged: 'fail',
  measure(params, context) {
    const noisy = trainedRun(settingOf(params), context);
    const clean = trainedRun(settingOf({ ...params, noise: 0 }), context);
    const status = noisy.status !== 'ok' ? noisy.status : clean.status;
    return {
      ...noisy,
      status,
      divergedAt: noisy.divergedAt ?? clean.divergedAt,
      cleanFilterStableRank: clean.filterStableRank,
      cleanDataStableRank: clean.dataStableRank,
      filterRankRatio: noisy.filterStableRank / clean.filterStableRank,
      dataRankRatio: noisy.dataStableRank / clean.dataStableRank,
      cleanSteps: clean.steps,
    };
  },
  holds(m, params) {
    const violations: [string, number][] = [
      ['R_W ≥ 0.7', 0.7 - m.filterRankRatio],
      ['R_W ≤ 1.4', m.filterRankRatio - 1.4],
      ['R_X ≥ 2', (2 - m.dataRankRatio) / 2],
      ...alignmentViolations(m, params.K, noisyAlignment),
    ];
    if (isRunA(params)) {
      for (const [noise, sr] of [
        [0, m.cleanDataStableRank],
        [params.noise, m.dataStableRank],
      ] as const) {
        const anchor = runAAnchors.dataStableRank[noise];
        if (anchor !== undefined)
          violations.push([
            `run A anchor sr(X) = ${anchor} at σp√d = ${noise}`,
            Math.abs(sr - anchor) / anchor - runAAnchors.dataStableRankTolerance[noise],
          ]);
      }
    }
    const summary = `R_W = ${m.filterRankRatio.toFixed(2)} (sr(W) ${m.cleanFilterStableRank.toFixed(2)} → ${m.filterStableRank.toFixed(2)}), R_X = ${m.dataRankRatio.toFixed(2)}, max-cos ${m.weightedMaxCosine.toFixed(3)}, coverage ${m.coverage.join('/')}`;
    return verdictFromViolations(violations, summary);
  },
});
