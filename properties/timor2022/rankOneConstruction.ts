import { type FullyConnectedNet, zeroNet } from '../../src/models/fullyConnected.ts';

/**
 * The explicit rank-1 interpolant of research notes §2.3 for two points: u in span{x1, x2} with
 * uᵀx1 = |y1| and uᵀx2 = ±|y2| (+ for same-sign labels, − for opposite), then
 * same sign s:  W = [u; 0],  v = (s, 0)          — one neuron active on both points;
 * opposite:     W = [u; −u], v = (sign y1, sign y2) — each neuron active on one point.
 * W has rows in span{u}, so rank 1. When x1 ∥ x2 the 2×2 system is singular and u is the
 * least-squares (pseudo-inverse) solution, which interpolates only compatible labels.
 */
export function rankOneInterpolant(x1: Float64Array, x2: Float64Array, y1: number, y2: number): FullyConnectedNet {
  const d = x1.length;
  const sameSign = Math.sign(y1) === Math.sign(y2);
  const t1 = Math.abs(y1);
  const t2 = sameSign ? Math.abs(y2) : -Math.abs(y2);
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  for (let k = 0; k < d; k++) {
    g11 += x1[k] * x1[k];
    g12 += x1[k] * x2[k];
    g22 += x2[k] * x2[k];
  }
  const det = g11 * g22 - g12 * g12;
  let a: number;
  let b: number;
  if (det > 1e-12 * (g11 + g22) ** 2) {
    a = (g22 * t1 - g12 * t2) / det;
    b = (g11 * t2 - g12 * t1) / det;
  } else {
    // x2 = c·x1: minimise (uᵀx1 − t1)² + (c·uᵀx1 − t2)² over u = a·x1.
    const c = g11 > 0 ? g12 / g11 : 0;
    a = g11 > 0 ? (t1 + c * t2) / ((1 + c * c) * g11) : 0;
    b = 0;
  }
  const net = zeroNet({ inputDim: d, width: 2, depth: 2, activation: 'relu' });
  const [w, v] = net.layers;
  for (let k = 0; k < d; k++) {
    const u = a * x1[k] + b * x2[k];
    w.weights[k] = u;
    w.weights[d + k] = sameSign ? 0 : -u;
  }
  v.weights[0] = Math.sign(y1);
  v.weights[1] = sameSign ? 0 : Math.sign(y2);
  return net;
}
