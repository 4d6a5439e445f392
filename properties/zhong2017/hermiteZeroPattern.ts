import { defineClaim } from '../../src/claims/claim.ts';
import { choice, grid, linear } from '../../src/parameters/parameter.ts';
import { hermiteCoefficient } from '../../src/math/activationMoments.ts';
import { type ActivationName, scalarActivation } from '../../src/math/scalarActivation.ts';
import { chooseMomentOrders } from '../../src/tensor/momentOrders.ts';
import { zhong2017 } from './paper.ts';

/** The zero pattern of m₁..m₄ the notes derive (§3.5 table), and the orders it forces. */
const expected: Record<string, { zeros: number[]; orders: [number, number] }> = {
  relu: { zeros: [3], orders: [2, 4] },
  'leaky-relu': { zeros: [3], orders: [2, 4] },
  'squared-relu': { zeros: [4], orders: [2, 3] }, // E[z₊²He₄] = E[z²He₄]/2 = 0 (He₄ ⟂ degree 2)
  sigmoid: { zeros: [2, 4], orders: [3, 3] },
  tanh: { zeros: [2, 4], orders: [3, 3] },
};

/**
 * P3-C8: m_j(s) = E[φ(sz)He_j(z)] vanishes where the parity of φ says it must (m₃ for the
 * ReLU family, m₂ and m₄ for the odd-plus-constant sigmoid and tanh), so the tensor method must
 * pick (M₂, M₄), (M₃, M₃) and (M₂, M₃) respectively.
 */
export const hermiteZeroPattern = defineClaim({
  id: 'zhong2017/hermite-zero-pattern',
  paper: { ...zhong2017, where: 'tensor initialization, choice of moments (research notes §3.5, P3-C8)' },
  title: 'Hermite coefficients vanish by parity and fix the moment orders of the tensor method',
  statement:
    '|m₃| ≤ 1e-8 for ReLU and leaky ReLU; |m₂|, |m₄| ≤ 1e-8 for sigmoid and tanh; m₂, m₃ ≠ 0 and m₄ = 0 for squared ReLU; the first nonzero m_j (j ≥ 2, j ≥ 3) picks (2,4), (3,3), (2,3).',
  provenance: { kind: 'derived', source: 'research notes §3.5 zero-pattern table and §5 P3-C8' },
  conditions: ['φ as in the paper (no bias)', 'zero means |m_j| ≤ 1e-8, nonzero |m_j| > 1e-4'],
  domain: {
    activation: choice<ActivationName>(['relu', 'leaky-relu', 'squared-relu', 'sigmoid', 'tanh']),
    scale: linear(0.2, 3, 15),
    leak: grid([0.01, 0.1, 0.3]),
    shift: grid([0]),
  },
  passCondition:
    'the zeros of the table are zero (≤ 1e-8), the other m₁..m₄ exceed 1e-4, and chooseMomentOrders returns the table’s (j₂, j₃)',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'biased activation (shifted ReLU)',
      why: 'φ(z) = ReLU(z − b) is neither homogeneous nor odd-plus-constant, so m₃ ≠ 0 and the ReLU table no longer applies: an assumption outside the paper',
      domain: { activation: choice<ActivationName>(['shifted-relu']), shift: grid([0.25, 0.5, 1]) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 10 }, ci: { runs: 40, claimTimeMs: 8000 }, deep: { runs: 400 } },
  measure(p) {
    const phi = scalarActivation(p.activation, { leak: p.leak, shift: p.shift });
    const m = [1, 2, 3, 4].map((j) => hermiteCoefficient(phi, p.scale, j));
    let orders: number[];
    try {
      const chosen = chooseMomentOrders(phi, { scale: p.scale });
      orders = [chosen.subspace, chosen.decomposition];
    } catch {
      orders = [];
    }
    return { m, orders };
  },
  holds(m, p) {
    // A shifted ReLU is judged against the ReLU table it would be mistaken for.
    const table = expected[p.activation === 'shifted-relu' ? 'relu' : p.activation];
    let worst = Infinity;
    const problems: string[] = [];
    m.m.forEach((value, i) => {
      const j = i + 1;
      if (table.zeros.includes(j)) {
        worst = Math.min(worst, 1e-8 - Math.abs(value));
        if (Math.abs(value) > 1e-8) problems.push(`m${j} = ${value.toExponential(3)} should vanish`);
      } else {
        worst = Math.min(worst, Math.abs(value) - 1e-4);
        if (Math.abs(value) <= 1e-4) problems.push(`m${j} = ${value.toExponential(3)} should not vanish`);
      }
    });
    if (m.orders.join(',') !== table.orders.join(',')) problems.push(`orders ${m.orders.join(',') || 'none'} ≠ ${table.orders.join(',')}`);
    return { pass: problems.length === 0, margin: problems.length ? -1 : worst, detail: problems.join('; ') || undefined };
  },
});
