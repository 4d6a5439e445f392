import { defineClaim } from '../../src/claims/claim.ts';
import { choice, integers, logarithmic, grid } from '../../src/parameters/parameter.ts';
import { frobeniusSquared, multiply, scale, transpose } from '../../src/linalg/matrix.ts';
import { numericalRank, stableRank } from '../../src/linalg/stableRank.ts';
import { randomOrthonormalRows } from '../../src/random/orthonormal.ts';
import { gaussianArray } from '../../src/random/rng.ts';
import { zhang2025 } from './paper.ts';

/**
 * P1-C1: the algebra every later claim leans on. sr(A) = ‖A‖F²/‖A‖2² lies in [1, rank A], is
 * invariant under scaling and orthogonal transforms, and equals p for p orthogonal rows of
 * equal norm.
 */
export const stableRankAlgebra = defineClaim({
  id: 'zhang2025/stable-rank-algebra',
  paper: { ...zhang2025, where: 'definition of stable rank (research notes §0, P1-C1)' },
  title: 'Stable rank is a scale- and rotation-invariant rank surrogate',
  statement:
    'sr(A) = ‖A‖F²/‖A‖2² satisfies 1 ≤ sr(A) ≤ rank(A), sr(cA) = sr(A), sr(QA) = sr(AQ′) = sr(A), and sr = p for p orthogonal rows of equal norm.',
  provenance: { kind: 'derived', source: 'research notes §0 and §5 P1-C1 (elementary algebra)' },
  conditions: ['A real p×q matrix, A ≠ 0', 'Q, Q′ orthogonal'],
  domain: {
    rows: integers(2, 40),
    cols: integers(2, 40),
    rank: integers(1, 40),
    scale: logarithmic(1e-3, 1e3, 2),
    /** Gap between σ1 and σ2 (1 = generic Gaussian spectrum); small gaps stress the power iteration. */
    topGap: grid([1, 0.1, 0.01]),
    structure: choice(['gaussian', 'low-rank', 'equal-orthogonal-rows'] as const),
  },
  passCondition: 'every identity holds to 1e-9 relative',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'nearly tied top singular values',
      why: 'a power iteration stopped too early cannot separate σ1 from σ2 ≈ σ1; ours iterates to convergence and falls back to an exact solver, so this probes the harness, not the paper',
      domain: { topGap: grid([1e-6, 1e-9]) },
      expectation: 'probe',
    },
  ],
  budgets: { smoke: { runs: 20 }, ci: { runs: 150 }, deep: { runs: 2000 } },
  measure(params, { rng }) {
    const p = params.rows;
    const q = params.cols;
    const r = Math.min(params.rank, p, q);
    let a;
    if (params.structure === 'equal-orthogonal-rows') {
      const rows = Math.min(p, q);
      a = randomOrthonormalRows(rng.fork('rows'), rows, q);
    } else {
      // A = L diag(s) R with a controlled top gap: s = (1, 1 − gap, decaying…).
      const inner = params.structure === 'low-rank' ? r : Math.min(p, q);
      const left = transpose(randomOrthonormalRows(rng.fork('left'), inner, p));
      const right = randomOrthonormalRows(rng.fork('right'), inner, q);
      const singular = gaussianArray(rng.fork('spectrum'), inner).map((v, i) =>
        i === 0 ? 1 : i === 1 ? 1 - params.topGap : (1 - params.topGap) * Math.min(1, 0.3 + (0.7 * Math.abs(v)) / 3),
      );
      for (let i = 0; i < inner; i++) for (let j = 0; j < q; j++) right.data[i * q + j] *= singular[i];
      a = multiply(left, right);
    }
    const base = stableRank(a);
    const scaled = stableRank(scale(a, params.scale));
    const rotatedLeft = stableRank(multiply(transpose(randomOrthonormalRows(rng.fork('Q'), a.rows, a.rows)), a));
    const rotatedRight = stableRank(multiply(a, randomOrthonormalRows(rng.fork('Q2'), a.cols, a.cols)));
    return {
      stableRank: base,
      scaled,
      rotatedLeft,
      rotatedRight,
      rank: numericalRank(a, 1e-6),
      rows: a.rows,
      // The exact value from the constructed spectrum (σ1 = 1, so sr = ‖A‖F²), to catch a power iteration that stopped early.
      expected: params.structure === 'equal-orthogonal-rows' ? a.rows : frobeniusSquared(a),
    };
  },
  holds(m) {
    const tolerance = 1e-9 * m.stableRank;
    const gaps = [
      1 - 1e-9 - m.stableRank,
      m.stableRank - (m.rank + 1e-9),
      Math.abs(m.scaled - m.stableRank) - tolerance,
      Math.abs(m.rotatedLeft - m.stableRank) - tolerance,
      Math.abs(m.rotatedRight - m.stableRank) - tolerance,
      // Constructed spectra have σ1 = 1, so sr = trace exactly.
      Math.abs(m.expected - m.stableRank) - tolerance,
    ];
    const worst = Math.max(...gaps);
    return {
      pass: worst <= 0,
      margin: -worst,
      detail: worst > 0 ? `identity off by ${worst.toExponential(2)} (sr=${m.stableRank}, rank=${m.rank})` : undefined,
    };
  },
});
