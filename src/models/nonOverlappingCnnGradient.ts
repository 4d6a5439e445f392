import type { CnnData, NonOverlappingCnn } from './nonOverlappingCnnTypes.ts';

/** f_S(W) at `kernels` into the caller's loss; ∇f_S (t×k) written into `gradient`. */
export type CnnLossAndGradient = (kernels: Float64Array, gradient: Float64Array) => number;

type Kernel = (
  kernels: Float64Array,
  x: Float64Array,
  y: Float64Array,
  n: number,
  r: number,
  v: Float64Array,
  z: Float64Array,
  value: Float64Array,
  derivative: Float64Array,
  gradient: Float64Array,
  applyBoth: (z: Float64Array, value: Float64Array, derivative: Float64Array) => void,
) => number;

const kernels = new Map<string, Kernel>();
/** Above this many kernel entries (t·k) the generated code would be too long; the generic loop runs instead. */
const maxGenerated = 256;

/**
 * f_S(W) = (1/2n) Σ (f_W(x_i) − y_i)² and its gradient for one fixed dataset, with the buffers
 * kept between calls (gradient descent calls it every step). For the claims' small kernels the
 * loops over k and t are generated once per (k, t), with W, v and the patch in locals; every
 * sum is taken in the same order as the generic loop, so the results are bit-identical to it.
 */
export function cnnLossAndGradient(model: NonOverlappingCnn, data: CnnData): CnnLossAndGradient {
  const { k, r, t, v } = model;
  const size = data.n * r * t;
  const z = new Float64Array(size);
  const value = new Float64Array(size);
  const derivative = new Float64Array(size);
  const kernel = t * k <= maxGenerated ? generated(k, t) : generic(k, t);
  return (w, gradient) => kernel(w, data.x, data.y, data.n, r, v, z, value, derivative, gradient, model.activation.applyBoth);
}

function generated(k: number, t: number): Kernel {
  const key = `${k}/${t}`;
  const known = kernels.get(key);
  if (known) return known;
  const js = Array.from({ length: t }, (_, j) => j);
  const as = Array.from({ length: k }, (_, a) => a);
  const loadX = as.map((a) => `const x${a} = x[b + ${a}];`).join(' ');
  const body = `return function cnnLossAndGradient(kernels, x, y, n, r, v, z, value, derivative, gradient, applyBoth) {
    ${js.map((j) => as.map((a) => `const w${j}_${a} = kernels[${j * k + a}];`).join(' ')).join('\n    ')}
    ${js.map((j) => `const v${j} = v[${j}];`).join(' ')}
    const patches = n * r;
    for (let p = 0; p < patches; p++) {
      const b = p * ${k}; ${loadX}
      let s;
      ${js.map((j) => `s = 0; ${as.map((a) => `s += w${j}_${a} * x${a};`).join(' ')} z[p * ${t} + ${j}] = s;`).join('\n      ')}
    }
    applyBoth(z, value, derivative);
    ${js.map((j) => `let ${as.map((a) => `g${j}_${a} = 0`).join(', ')};`).join(' ')}
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let l = 0; l < r; l++) {
        const q = (i * r + l) * ${t};
        ${js.map((j) => `f += v${j} * value[q + ${j}];`).join(' ')}
      }
      const residual = f - y[i];
      loss += residual * residual;
      for (let l = 0; l < r; l++) {
        const p = i * r + l;
        const b = p * ${k}; ${loadX}
        let c;
        ${js.map((j) => `c = residual * v${j} * derivative[p * ${t} + ${j}]; if (c !== 0) { ${as.map((a) => `g${j}_${a} += c * x${a};`).join(' ')} }`).join('\n        ')}
      }
    }
    ${js.map((j) => as.map((a) => `gradient[${j * k + a}] = g${j}_${a} / n;`).join(' ')).join('\n    ')}
    return loss / (2 * n);
  };`;
  const made = new Function(body)() as Kernel;
  kernels.set(key, made);
  return made;
}

/** The same arithmetic as the generated kernel, for any size. */
function generic(k: number, t: number): Kernel {
  return (w, x, y, n, r, v, z, value, derivative, gradient, applyBoth) => {
    for (let p = 0; p < n * r; p++) {
      const base = p * k;
      for (let j = 0; j < t; j++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += w[j * k + a] * x[base + a];
        z[p * t + j] = s;
      }
    }
    applyBoth(z, value, derivative);
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let q = i * r * t; q < (i + 1) * r * t; q++) f += v[q % t] * value[q];
      const residual = f - y[i];
      loss += residual * residual;
      for (let l = 0; l < r; l++) {
        const p = i * r + l;
        const base = p * k;
        for (let j = 0; j < t; j++) {
          const c = residual * v[j] * derivative[p * t + j];
          if (c === 0) continue;
          for (let a = 0; a < k; a++) gradient[j * k + a] += c * x[base + a];
        }
      }
    }
    for (let i = 0; i < gradient.length; i++) gradient[i] /= n;
    return loss / (2 * n);
  };
}
