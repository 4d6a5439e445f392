import type { Rng } from 'theorycheck';

/** n points in d dimensions, labelled by a hidden unit direction, none closer than `margin` to its hyperplane. */
export interface SeparableData {
  readonly x: number[][];
  readonly y: number[];
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + v * b[i], 0);
const norm = (a: readonly number[]) => Math.sqrt(dot(a, a));

/** Gaussian points labelled by sign⟨w*, x⟩, rejecting those within `margin` of the hyperplane; the first `flipped` fraction of labels is then flipped. */
export function separableData(
  rng: Rng,
  n: number,
  d: number,
  margin: number,
  flipped: number,
): { data: SeparableData; clean: SeparableData } {
  const hidden = Array.from({ length: d }, () => rng.gaussian());
  const scale = norm(hidden);
  const direction = hidden.map((v) => v / scale);
  const x: number[][] = [];
  const y: number[] = [];
  while (x.length < n) {
    const point = Array.from({ length: d }, () => rng.gaussian());
    const side = dot(direction, point);
    if (Math.abs(side) < margin) continue;
    x.push(point);
    y.push(Math.sign(side));
  }
  const flips = Math.round(flipped * n);
  return { clean: { x, y }, data: { x, y: y.map((label, i) => (i < flips ? -label : label)) } };
}

/**
 * The L2 max-margin separator ŵ = argmin ‖w‖ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (no bias), by coordinate ascent
 * on the dual, which is exact for this problem: each step solves one αᵢ ≥ 0 in closed form.
 */
export function maxMarginSeparator({ x, y }: SeparableData, tolerance = 1e-13, maxSweeps = 100_000): number[] {
  const d = x[0].length;
  const alpha = new Array<number>(x.length).fill(0);
  const w = new Array<number>(d).fill(0);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let largest = 0;
    for (let i = 0; i < x.length; i++) {
      const next = Math.max(0, alpha[i] + (1 - y[i] * dot(w, x[i])) / dot(x[i], x[i]));
      const change = next - alpha[i];
      if (change === 0) continue;
      alpha[i] = next;
      for (let k = 0; k < d; k++) w[k] += change * y[i] * x[i][k];
      largest = Math.max(largest, Math.abs(change));
    }
    if (largest < tolerance) break;
  }
  return w;
}

/** Largest eigenvalue of XᵀX/n by power iteration: the smoothness scale that sets the step size. */
function curvature(x: readonly number[][]): number {
  let v = new Array<number>(x[0].length).fill(1);
  let value = 0;
  for (let it = 0; it < 200; it++) {
    const u = new Array<number>(v.length).fill(0);
    for (const row of x) {
      const s = dot(row, v);
      for (let k = 0; k < u.length; k++) u[k] += s * row[k];
    }
    value = norm(u);
    v = u.map((z) => z / value);
  }
  return value / x.length;
}

export type Loss = 'logistic' | 'square';

/**
 * Full-batch gradient descent from w = 0 on the mean logistic (or square) loss, with step
 * 1/β for the loss's smoothness β; returns ‖w(t) − ŵ ln t‖ and the angle to ŵ at each checkpoint.
 */
export function gradientDescent(
  { x, y }: SeparableData,
  loss: Loss,
  checkpoints: readonly number[],
  target: readonly number[],
): { t: number; residual: number; angle: number }[] {
  const n = x.length;
  const d = x[0].length;
  const beta = loss === 'logistic' ? curvature(x) / 4 : 2 * curvature(x);
  const step = 1 / beta;
  const w = new Array<number>(d).fill(0);
  const out: { t: number; residual: number; angle: number }[] = [];
  const last = Math.max(...checkpoints);
  for (let t = 1; t <= last; t++) {
    const gradient = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      const score = dot(w, x[i]);
      const slope = loss === 'logistic' ? -y[i] / (1 + Math.exp(y[i] * score)) : -2 * (y[i] - score);
      for (let k = 0; k < d; k++) gradient[k] += (slope * x[i][k]) / n;
    }
    for (let k = 0; k < d; k++) w[k] -= step * gradient[k];
    if (checkpoints.includes(t)) {
      const cosine = dot(w, target) / (norm(w) * norm(target));
      out.push({ t, residual: norm(w.map((v, k) => v - target[k] * Math.log(t))), angle: Math.acos(Math.min(1, Math.max(-1, cosine))) });
    }
  }
  return out;
}

export { norm };
