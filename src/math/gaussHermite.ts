/**
 * Expectations over z ~ N(0, 1) by quadrature. Smooth integrands use Gauss–Hermite; integrands
 * with a kink at 0 (ReLU-type activations) are split there and each half gets its own
 * Gauss–Legendre rule on [0, 13] against the Gaussian density, because a kink destroys the
 * spectral accuracy of a single Hermite rule (the tail beyond 13 is below 1e-37).
 */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  /** Weights that already include the N(0, 1) density: E[f(z)] ≈ Σ w_i f(z_i). */
  readonly weights: Float64Array;
}

const cache = new Map<string, QuadratureRule>();

/**
 * Eigenvalues of a symmetric tridiagonal matrix (diagonal d, off-diagonal e[1..n−1]) by the
 * implicit QL method; used for the Golub–Welsch starting nodes.
 */
function tridiagonalEigenvalues(diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i - 1] = offDiagonal[i];
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iterations++ === 200) throw new Error('tridiagonalEigenvalues: no convergence');
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  return d.sort();
}

/**
 * Gauss–Hermite for E over N(0, 1): Golub–Welsch nodes (eigenvalues of the Jacobi matrix),
 * polished by Newton on the normalized recurrence, which also gives accurate weights.
 */
export function gaussHermiteRule(count = 200): QuadratureRule {
  const key = `hermite/${count}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const off = new Float64Array(count);
  for (let i = 1; i < count; i++) off[i] = Math.sqrt(i / 2);
  const start = tridiagonalEigenvalues(new Float64Array(count), off);
  const x = new Float64Array(count);
  const w = new Float64Array(count);
  const pim4 = Math.pow(Math.PI, -0.25);
  for (let i = 0; i < count; i++) {
    let z = start[i];
    let pp = 0;
    for (let iteration = 0; iteration < 20; iteration++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < count; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * count) * p2;
      const step = p1 / pp;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    w[i] = 2 / (pp * pp);
  }
  // ∫ f(x) e^{-x²} dx with x = z/√2 gives E[f(z)] = Σ w_i f(√2 x_i) / √π.
  const rule = { nodes: x.map((v) => Math.SQRT2 * v), weights: w.map((v) => v / Math.sqrt(Math.PI)) };
  cache.set(key, rule);
  return rule;
}

/** Gauss–Legendre nodes and weights on [a, b]. */
export function gaussLegendre(count: number, a: number, b: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(count);
  const weights = new Float64Array(count);
  const m = Math.floor((count + 1) / 2);
  const mid = (a + b) / 2;
  const half = (b - a) / 2;
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (count + 0.5));
    let pp = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < count; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      pp = (count * (z * p1 - p2)) / (z * z - 1);
      const previous = z;
      z = previous - p1 / pp;
      if (Math.abs(z - previous) <= 1e-15) break;
    }
    nodes[i] = mid - half * z;
    nodes[count - 1 - i] = mid + half * z;
    weights[i] = (2 * half) / ((1 - z * z) * pp * pp);
    weights[count - 1 - i] = weights[i];
  }
  return { nodes, weights };
}

/** A rule for E over N(0, 1) split at `at` (0 for ReLU): Gauss–Legendre on [−13, at] and [at, 13], `count` nodes per half. */
export function splitGaussianRule(count = 200, at = 0): QuadratureRule {
  const key = `split/${count}/${at}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const left = gaussLegendre(count, -13, at);
  const right = gaussLegendre(count, at, 13);
  const nodes = new Float64Array(2 * count);
  const weights = new Float64Array(2 * count);
  const density = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  for (let i = 0; i < count; i++) {
    nodes[i] = left.nodes[i];
    weights[i] = left.weights[i] * density(left.nodes[i]);
    nodes[count + i] = right.nodes[i];
    weights[count + i] = right.weights[i] * density(right.nodes[i]);
  }
  const rule = { nodes, weights };
  cache.set(key, rule);
  return rule;
}

/** E[f(z)], z ~ N(0, 1); `splitAt` (the integrand's kink) selects the split rule. */
export function gaussianExpectation(f: (z: number) => number, options: { splitAt?: number | null; nodes?: number } = {}): number {
  const count = Math.max(options.nodes ?? 200, 200);
  const rule =
    options.splitAt !== undefined && options.splitAt !== null ? splitGaussianRule(count, options.splitAt) : gaussHermiteRule(count);
  let sum = 0;
  for (let i = 0; i < rule.nodes.length; i++) sum += rule.weights[i] * f(rule.nodes[i]);
  return sum;
}
