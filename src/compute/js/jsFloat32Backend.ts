import { type ComputeBackend, type LossAndGradient, type PatchCnnProblem, type PatchCnnTrainer, checkPatchCnnProblem } from '../backend.ts';
import { createActivation, type Activation } from '../../models/activation.ts';
import { logisticLoss, logisticWeight } from '../../models/patchCnn.ts';

/**
 * The pure-JavaScript fast path, for machines where the native kernel did not build: the same
 * plan as the native kernel (zero patches dropped, identical patches merged, data resident as
 * float32, 2 × 4 register blocks), with every product and sum in double. Single-threaded.
 */
class JsTrainer implements PatchCnnTrainer {
  private readonly w: Float64Array;
  private readonly x: Float32Array;
  private readonly unique: number;
  private readonly index: Int32Array;
  private readonly z: Float64Array;
  private readonly a: Float64Array;
  private readonly gsum: Float64Array;
  private readonly rows: number;
  private readonly act: Activation;

  constructor(private readonly problem: PatchCnnProblem) {
    const { samples, patches, dim, x } = checkPatchCnnProblem(problem);
    this.rows = 2 * problem.model.filtersPerClass;
    this.act = createActivation(problem.model.activation);
    this.w = Float64Array.from(problem.initialWeights);
    const count = samples * patches;
    this.index = new Int32Array(count);
    const seen = new Map<string, number>();
    const firstRow: number[] = [];
    for (let s = 0; s < count; s++) {
      const row = x.subarray(s * dim, (s + 1) * dim);
      if (row.every((v) => v === 0)) {
        this.index[s] = -1;
        continue;
      }
      const key = Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('latin1');
      let u = seen.get(key);
      if (u === undefined) {
        u = firstRow.length;
        seen.set(key, u);
        firstRow.push(s);
      }
      this.index[s] = u;
    }
    this.unique = firstRow.length;
    this.x = new Float32Array(this.unique * dim);
    firstRow.forEach((s, u) => this.x.set(x.subarray(s * dim, (s + 1) * dim), u * dim));
    this.z = new Float64Array(this.unique * this.rows);
    this.a = new Float64Array(this.unique);
    this.gsum = new Float64Array(this.unique);
  }

  /** z[u, j] = ⟨x_u, w_j⟩, then a_u = Σ_j s_j σ(z) and z replaced by s_j σ'(z)/m. */
  private forward(): void {
    const { dim } = this.problem.data;
    const m = this.problem.model.filtersPerClass;
    const { x, w, z, rows, unique, act } = this;
    let u = 0;
    for (; u + 1 < unique; u += 2) {
      const x0 = u * dim,
        x1 = x0 + dim;
      let j = 0;
      for (; j + 3 < rows; j += 4) {
        const w0 = j * dim,
          w1 = w0 + dim,
          w2 = w1 + dim,
          w3 = w2 + dim;
        let s00 = 0,
          s01 = 0,
          s02 = 0,
          s03 = 0,
          s10 = 0,
          s11 = 0,
          s12 = 0,
          s13 = 0;
        for (let k = 0; k < dim; k++) {
          const a0 = x[x0 + k],
            a1 = x[x1 + k];
          const b0 = w[w0 + k],
            b1 = w[w1 + k],
            b2 = w[w2 + k],
            b3 = w[w3 + k];
          s00 += a0 * b0;
          s01 += a0 * b1;
          s02 += a0 * b2;
          s03 += a0 * b3;
          s10 += a1 * b0;
          s11 += a1 * b1;
          s12 += a1 * b2;
          s13 += a1 * b3;
        }
        const r0 = u * rows + j,
          r1 = r0 + rows;
        z[r0] = s00;
        z[r0 + 1] = s01;
        z[r0 + 2] = s02;
        z[r0 + 3] = s03;
        z[r1] = s10;
        z[r1 + 1] = s11;
        z[r1 + 2] = s12;
        z[r1 + 3] = s13;
      }
      for (; j < rows; j++) {
        let s0 = 0,
          s1 = 0;
        for (let k = 0; k < dim; k++) {
          s0 += x[x0 + k] * w[j * dim + k];
          s1 += x[x1 + k] * w[j * dim + k];
        }
        z[u * rows + j] = s0;
        z[(u + 1) * rows + j] = s1;
      }
    }
    for (; u < unique; u++) {
      for (let j = 0; j < rows; j++) {
        let s = 0;
        for (let k = 0; k < dim; k++) s += x[u * dim + k] * w[j * dim + k];
        z[u * rows + j] = s;
      }
    }
    for (let v = 0; v < unique; v++) {
      let sum = 0;
      for (let j = 0; j < rows; j++) {
        const value = z[v * rows + j];
        const sign = j < m ? 1 : -1;
        sum += sign * act.value(value);
        z[v * rows + j] = (sign * act.derivative(value)) / m;
      }
      this.a[v] = sum;
    }
  }

  private outputsFromA(): Float64Array {
    const { samples, patches } = this.problem.data;
    const m = this.problem.model.filtersPerClass;
    const out = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      let f = 0;
      for (let p = 0; p < patches; p++) {
        const u = this.index[i * patches + p];
        if (u >= 0) f += this.a[u];
      }
      out[i] = f / m;
    }
    return out;
  }

  lossAndGradient(): LossAndGradient {
    const { samples, patches, dim, y } = this.problem.data;
    this.forward();
    const outputs = this.outputsFromA();
    const { gsum, index, z, x, rows, unique } = this;
    gsum.fill(0);
    let loss = 0;
    for (let i = 0; i < samples; i++) {
      const margin = y[i] * outputs[i];
      loss += logisticLoss(margin);
      const g = (-logisticWeight(margin) * y[i]) / samples;
      for (let p = 0; p < patches; p++) {
        const u = index[i * patches + p];
        if (u >= 0) gsum[u] += g;
      }
    }
    // G[j, :] += c_uj x_u, four filter rows at a time so each x value is loaded once per four.
    const gradient = new Float64Array(rows * dim);
    for (let u = 0; u < unique; u++) {
      const xu = u * dim;
      const gu = gsum[u];
      if (gu === 0) continue;
      let j = 0;
      for (; j + 3 < rows; j += 4) {
        const zu = u * rows + j;
        const c0 = gu * z[zu],
          c1 = gu * z[zu + 1],
          c2 = gu * z[zu + 2],
          c3 = gu * z[zu + 3];
        if (c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) continue;
        const g0 = j * dim,
          g1 = g0 + dim,
          g2 = g1 + dim,
          g3 = g2 + dim;
        for (let k = 0; k < dim; k++) {
          const v = x[xu + k];
          gradient[g0 + k] += c0 * v;
          gradient[g1 + k] += c1 * v;
          gradient[g2 + k] += c2 * v;
          gradient[g3 + k] += c3 * v;
        }
      }
      for (; j < rows; j++) {
        const c = gu * z[u * rows + j];
        if (c === 0) continue;
        for (let k = 0; k < dim; k++) gradient[j * dim + k] += c * x[xu + k];
      }
    }
    return { loss: loss / samples, gradient };
  }

  step(learningRate: number): number {
    const { loss, gradient } = this.lossAndGradient();
    for (let i = 0; i < this.w.length; i++) this.w[i] -= learningRate * gradient[i];
    return loss;
  }

  weights(): Float64Array {
    return Float64Array.from(this.w);
  }

  outputs(): Float64Array {
    this.forward();
    return this.outputsFromA();
  }

  dispose(): void {}
}

export const jsFloat32Backend: ComputeBackend = {
  name: 'js-float32',
  precision: 'float32',
  // Only the data is rounded to float32 (relative 6e-8 per value); all arithmetic is double.
  tolerance: { relative: 1e-4, absolute: 1e-9 },
  device: 'JavaScript fused kernels (data float32, arithmetic float64, single thread)',
  createTrainer: (problem) => new JsTrainer(problem),
};
