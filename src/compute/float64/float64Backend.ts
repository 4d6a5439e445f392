import { type ComputeBackend, type LossAndGradient, type PatchCnnProblem, type PatchCnnTrainer, checkPatchCnnProblem } from '../backend.ts';
import { createActivation, type Activation } from '../../models/activation.ts';
import { filterClassSign, logisticLoss, logisticWeight } from '../../models/patchCnn.ts';

/**
 * The float64 reference path: the update rule written out loop by loop, in the same order as
 * the definition. Every fast path is tested against it.
 */
export const float64Backend: ComputeBackend = {
  name: 'float64',
  precision: 'float64',
  tolerance: { relative: 1e-12, absolute: 1e-14 },
  device: 'TypeScript float64 reference (single thread)',
  createTrainer: (problem) => new Float64Trainer(problem),
};

class Float64Trainer implements PatchCnnTrainer {
  private readonly w: Float64Array;
  private readonly z: Float64Array;
  private readonly rows: number;
  private readonly act: Activation;

  constructor(private readonly problem: PatchCnnProblem) {
    checkPatchCnnProblem(problem);
    this.rows = 2 * problem.model.filtersPerClass;
    this.act = createActivation(problem.model.activation);
    this.w = Float64Array.from(problem.initialWeights);
    this.z = new Float64Array(problem.data.samples * problem.data.patches * this.rows);
  }

  /** Z[(i,p), j] = ⟨w_j, x_(i,p)⟩ and the outputs f_i. */
  private forward(): Float64Array {
    const { samples, patches, dim, x } = this.problem.data;
    const m = this.problem.model.filtersPerClass;
    const act = this.act;
    const outputs = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      let f = 0;
      for (let p = 0; p < patches; p++) {
        const patch = (i * patches + p) * dim;
        for (let j = 0; j < this.rows; j++) {
          let z = 0;
          const filter = j * dim;
          for (let k = 0; k < dim; k++) z += this.w[filter + k] * x[patch + k];
          this.z[(i * patches + p) * this.rows + j] = z;
          f += filterClassSign(j, m) * act.value(z);
        }
      }
      outputs[i] = f / m;
    }
    return outputs;
  }

  lossAndGradient(): LossAndGradient {
    const { samples, patches, dim, x, y } = this.problem.data;
    const m = this.problem.model.filtersPerClass;
    const act = this.act;
    const outputs = this.forward();
    const gradient = new Float64Array(this.rows * dim);
    let loss = 0;
    for (let i = 0; i < samples; i++) {
      const margin = y[i] * outputs[i];
      loss += logisticLoss(margin);
      // dL/df_i = ℓ'(y f) y / n, with ℓ'(z) = −1/(1+e^z).
      const g = (-logisticWeight(margin) * y[i]) / samples;
      for (let p = 0; p < patches; p++) {
        const patch = (i * patches + p) * dim;
        for (let j = 0; j < this.rows; j++) {
          const coefficient = (g * filterClassSign(j, m) * act.derivative(this.z[(i * patches + p) * this.rows + j])) / m;
          if (coefficient === 0) continue;
          const filter = j * dim;
          for (let k = 0; k < dim; k++) gradient[filter + k] += coefficient * x[patch + k];
        }
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
    return this.forward();
  }

  dispose(): void {}
}
