import { type ScalarActivation } from '../math/scalarActivation.ts';
import { minimumAssignment } from '../math/assignment.ts';
import { type Matrix, matrix } from '../linalg/matrix.ts';
import { invalidParameter, requireInteger } from '../parameters/validation.ts';
import { cnnLossAndGradient } from './nonOverlappingCnnGradient.ts';
import type { CnnData, NonOverlappingCnn } from './nonOverlappingCnnTypes.ts';

export type { CnnData, NonOverlappingCnn } from './nonOverlappingCnnTypes.ts';

export function nonOverlappingCnn(k: number, r: number, t: number, activation: ScalarActivation, v?: ArrayLike<number>): NonOverlappingCnn {
  requireInteger('k', k, 1);
  requireInteger('r', r, 1);
  requireInteger('t', t, 1);
  if (v && v.length !== t) invalidParameter('v', Array.from(v), `a vector of length t = ${t}`);
  return { k, r, t, activation, v: v ? Float64Array.from(v) : new Float64Array(t).fill(1) };
}

export function predict(model: NonOverlappingCnn, kernels: Float64Array, x: Float64Array, n: number): Float64Array {
  const { k, r, t, activation, v } = model;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let l = 0; l < r; l++) {
      const base = (i * r + l) * k;
      for (let j = 0; j < t; j++) {
        let z = 0;
        for (let a = 0; a < k; a++) z += kernels[j * k + a] * x[base + a];
        sum += v[j] * activation.value(z);
      }
    }
    out[i] = sum;
  }
  return out;
}

/** f_S(W) = (1/2n) Σ (f_W(x_i) − y_i)² and its gradient (t×k, like the kernels). */
export function lossAndGradient(model: NonOverlappingCnn, kernels: Float64Array, data: CnnData): { loss: number; gradient: Float64Array } {
  const gradient = new Float64Array(model.t * model.k);
  const loss = cnnLossAndGradient(model, data)(kernels, gradient);
  return { loss, gradient };
}

/**
 * JᵀJ/n ((t·k)×(t·k)), J_i = ∂f_W(x_i)/∂W. At W = W* the residuals vanish, so this is the
 * Hessian of f_S there (research notes P3-C2).
 */
export function jacobianGram(model: NonOverlappingCnn, kernels: Float64Array, data: CnnData): Matrix {
  const { k, r, t, activation, v } = model;
  const p = t * k;
  const gram = matrix(p, p);
  const g = new Float64Array(p);
  for (let i = 0; i < data.n; i++) {
    g.fill(0);
    for (let l = 0; l < r; l++) {
      const base = (i * r + l) * k;
      for (let j = 0; j < t; j++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += kernels[j * k + a] * data.x[base + a];
        const c = v[j] * activation.derivative(s);
        if (c === 0) continue;
        for (let a = 0; a < k; a++) g[j * k + a] += c * data.x[base + a];
      }
    }
    for (let a = 0; a < p; a++) {
      const ga = g[a];
      if (ga === 0) continue;
      for (let b = a; b < p; b++) gram.data[a * p + b] += ga * g[b];
    }
  }
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      const value = gram.data[a * p + b] / data.n;
      gram.data[a * p + b] = value;
      gram.data[b * p + a] = value;
    }
  return gram;
}

/**
 * min over kernel permutations π of ‖W_π − W*‖_F / ‖W*‖_F: the network is invariant under
 * permuting its channels (when v is constant), so recovery is judged up to that symmetry.
 */
export function permutationInvariantError(
  kernels: Float64Array,
  truth: Float64Array,
  t: number,
  k: number,
): { error: number; assignment: number[] } {
  const cost: number[][] = [];
  let truthNorm = 0;
  for (let i = 0; i < t * k; i++) truthNorm += truth[i] * truth[i];
  for (let i = 0; i < t; i++) {
    const row: number[] = [];
    for (let j = 0; j < t; j++) {
      let d = 0;
      for (let a = 0; a < k; a++) d += (kernels[i * k + a] - truth[j * k + a]) ** 2;
      row.push(d);
    }
    cost.push(row);
  }
  const { assignment, total } = minimumAssignment(cost);
  return { error: Math.sqrt(Math.max(total, 0) / truthNorm), assignment };
}
