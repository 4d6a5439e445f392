import { defineClaim } from '../../src/claims/claim.ts';
import { hypotNorm } from '../../src/linalg/matrix.ts';
import { choice, grid, integers } from '../../src/parameters/parameter.ts';
import { type FullyConnectedNet, forward, initFullyConnected, layerMatrix, zeroNet } from '../../src/models/fullyConnected.ts';
import { singularValues } from '../../src/linalg/stableRank.ts';
import type { Rng } from '../../src/random/rng.ts';
import { timor2022 } from './paper.ts';

function unitPositive(rng: Rng, n: number): Float64Array {
  const v = Float64Array.from({ length: n }, () => Math.abs(rng.gaussian()) + 1e-3);
  const length = hypotNorm(v);
  return v.map((x) => x / length);
}

/** W_i = s_i·u_{i+1}u_iᵀ with positive unit u_i: ReLU passes everything and the bound is tight at x = u_1. */
function alignedNet(rng: Rng, dim: number, width: number, depth: number): { net: FullyConnectedNet; tight: Float64Array } {
  const net = zeroNet({ inputDim: dim, width, depth, activation: 'relu' });
  let u = unitPositive(rng.fork('u0'), dim);
  const tight = u;
  net.layers.forEach((layer, l) => {
    const next = layer.rows === 1 ? Float64Array.of(1) : unitPositive(rng.fork(`u${l + 1}`), layer.rows);
    const s = 0.5 + rng.uniform() * 2;
    for (let i = 0; i < layer.rows; i++) for (let k = 0; k < layer.cols; k++) layer.weights[i * layer.cols + k] = s * next[i] * u[k];
    u = next;
  });
  return { net, tight };
}

/**
 * P2-C5, the second ingredient: ReLU is 1-Lipschitz with σ(0) = 0, so a bias-free ReLU net
 * satisfies |N(x)| ≤ Π_i ‖W_i‖2·‖x‖. The aligned structure makes the bound tight, so the test
 * measures how close to equality the numerics stay; biases break it at x → 0.
 */
export const normProductBound = defineClaim({
  id: 'timor2022/norm-product-bound',
  paper: { ...timor2022, where: 'mechanism behind the positive (deep) results (research notes §2.4.2, P2-C5)' },
  title: '|N(x)| ≤ Π‖W_i‖2·‖x‖ for bias-free ReLU nets',
  statement: 'For every bias-free ReLU network N(x) = W_L σ(⋯σ(W_1 x)) and every x, |N(x)| ≤ Π_i ‖W_i‖2 · ‖x‖.',
  provenance: { kind: 'derived', source: 'research notes §2.4 and §5 P2-C5 (σ 1-Lipschitz, σ(0) = 0)' },
  conditions: ['bias-free fully connected ReLU net of depth 2–8', 'any weights, any input'],
  domain: {
    depth: integers(2, 8),
    width: grid([2, 5, 10, 20]),
    dim: grid([2, 5, 10]),
    structure: choice(['gaussian', 'aligned'] as const),
    bias: choice(['none', 'random'] as const).restrict((b) => b === 'none'),
  },
  passCondition: '|N(x)| ≤ Π‖W_i‖2·‖x‖·(1 + 1e-12) on 8 random inputs, their 1e-3 multiples and (aligned) the tight input',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'biases',
      why: "with biases N(0) = N_b ≠ 0 while the bound vanishes at x = 0, so small inputs violate it (the notes' example: zero weights, output bias 1)",
      domain: {
        bias: choice(['none', 'random'] as const).restrict((b) => b === 'random'),
        structure: choice(['gaussian', 'aligned'] as const).restrict((s) => s === 'gaussian'),
      },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 20 }, ci: { runs: 200, claimTimeMs: 10_000 }, deep: { runs: 5000 } },
  measure(params, { rng }) {
    let net: FullyConnectedNet;
    const inputs: Float64Array[] = [];
    if (params.structure === 'aligned') {
      const aligned = alignedNet(rng.fork('net'), params.dim, params.width, params.depth);
      net = aligned.net;
      inputs.push(aligned.tight);
    } else {
      net = initFullyConnected(
        { inputDim: params.dim, width: params.width, depth: params.depth, activation: 'relu', bias: params.bias !== 'none' },
        rng.fork('net'),
        1,
      );
    }
    const xs = rng.fork('inputs');
    for (let i = 0; i < 8; i++) {
      const x = Float64Array.from({ length: params.dim }, () => xs.gaussian());
      inputs.push(
        x,
        x.map((v) => v * 1e-3),
      );
    }
    const product = net.layers.reduce((p, layer) => p * singularValues(layerMatrix(layer))[0], 1);
    let worst = 0;
    for (const x of inputs) worst = Math.max(worst, Math.abs(forward(net, x)) / (product * hypotNorm(x)));
    return { worstRatio: worst, product };
  },
  holds(m) {
    const pass = m.worstRatio <= 1 + 1e-12;
    return { pass, margin: 1 - m.worstRatio, detail: pass ? undefined : `|N(x)| = ${m.worstRatio.toPrecision(6)}·Π‖W_i‖2·‖x‖` };
  },
});
