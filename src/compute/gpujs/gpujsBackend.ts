import { GPU } from 'gpu.js';
import { type ComputeBackend, type LossAndGradient, type PatchCnnProblem, type PatchCnnTrainer, checkPatchCnnProblem } from '../backend.ts';
import { createActivation, type Activation } from '../../models/activation.ts';
import { logisticLoss, logisticWeight } from '../../models/patchCnn.ts';
import { chosenMode, type GpuJsMode, type ModeProbe, probeModesSync, whyNot } from './gpuModes.ts';

type Kernel = ((...args: Float32Array[]) => Float32Array[]) & {
  kernel?: { fallbackReason?: string | null; constructor: { name: string } };
  destroy?: () => void;
};

// The two products as gpu.js kernels with 2-D outputs, each thread one output cell reading both
// operands along contiguous rows, four partial sums over lengths padded to a multiple of 4 with
// zeros (exact): Z = X Wᵀ (nP × 2m) and G = Cᵀ X read as Ct · Xt (2m × d). Measured at shape M
// on webasm: 0.72 GFLOP/s against 0.43 for a flat output with one running sum.
function forwardKernel(this: any, x: Float32Array, w: Float32Array): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const xb = this.thread.y * this.constants.dim;
  const wb = this.thread.x * this.constants.dim;
  for (let k = 0; k < this.constants.dim; k += 4) {
    s0 += x[xb + k] * w[wb + k];
    s1 += x[xb + k + 1] * w[wb + k + 1];
    s2 += x[xb + k + 2] * w[wb + k + 2];
    s3 += x[xb + k + 3] * w[wb + k + 3];
  }
  return s0 + s1 + (s2 + s3);
}

function gradientKernel(this: any, ct: Float32Array, xt: Float32Array): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const cb = this.thread.y * this.constants.count;
  const xb = this.thread.x * this.constants.count;
  for (let r = 0; r < this.constants.count; r += 4) {
    s0 += ct[cb + r] * xt[xb + r];
    s1 += ct[cb + r + 1] * xt[xb + r + 1];
    s2 += ct[cb + r + 2] * xt[xb + r + 2];
    s3 += ct[cb + r + 3] * xt[xb + r + 3];
  }
  return s0 + s1 + (s2 + s3);
}

const pad4 = (n: number) => Math.ceil(n / 4) * 4;

/**
 * The gpu.js path: float32 products in the mode createGpuJsBackend picked (headless GL where
 * present, WebAssembly SIMD otherwise), the O(nP·2m) pointwise work (activation, loss, ℓ') in
 * float64 on the host. Synchronous calls, so single-threaded and deterministic on webasm.
 */
class GpuJsTrainer implements PatchCnnTrainer {
  private readonly w: Float64Array;
  private readonly w32: Float32Array;
  private readonly x32: Float32Array;
  private readonly xt32: Float32Array;
  private readonly ct32: Float32Array;
  private readonly forward: Kernel;
  private readonly gradient: Kernel;
  private readonly rows: number;
  private readonly count: number;
  private readonly dimPadded: number;
  private readonly countPadded: number;
  private readonly act: Activation;

  constructor(
    gpu: GPU,
    private readonly problem: PatchCnnProblem,
  ) {
    const { samples, patches, dim, x } = checkPatchCnnProblem(problem);
    this.rows = 2 * problem.model.filtersPerClass;
    this.act = createActivation(problem.model.activation);
    this.count = samples * patches;
    const dimPadded = pad4(dim);
    const countPadded = pad4(this.count);
    this.dimPadded = dimPadded;
    this.countPadded = countPadded;
    this.w = Float64Array.from(problem.initialWeights);
    this.w32 = new Float32Array(this.rows * dimPadded);
    this.loadWeights();
    this.x32 = new Float32Array(this.count * dimPadded);
    this.xt32 = new Float32Array(dim * countPadded);
    for (let r = 0; r < this.count; r++) {
      for (let k = 0; k < dim; k++) {
        this.x32[r * dimPadded + k] = x[r * dim + k];
        this.xt32[k * countPadded + r] = x[r * dim + k];
      }
    }
    this.ct32 = new Float32Array(this.rows * countPadded);
    const constants = { dim: dimPadded, count: countPadded };
    this.forward = gpu.createKernel(forwardKernel as any, {
      output: [this.rows, this.count],
      constants,
      precision: 'single',
    }) as unknown as Kernel;
    this.gradient = gpu.createKernel(gradientKernel as any, {
      output: [dim, this.rows],
      constants,
      precision: 'single',
    }) as unknown as Kernel;
  }

  private loadWeights(): void {
    const { dim } = this.problem.data;
    for (let j = 0; j < this.rows; j++) for (let k = 0; k < dim; k++) this.w32[j * this.dimPadded + k] = this.w[j * dim + k];
  }

  /** Outputs f_i from Z, in float64. */
  private outputsFrom(z: Float32Array[]): Float64Array {
    const { samples, patches } = this.problem.data;
    const m = this.problem.model.filtersPerClass;
    const act = this.act;
    const out = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      let f = 0;
      for (let p = 0; p < patches; p++) {
        const zr = z[i * patches + p];
        for (let j = 0; j < this.rows; j++) f += (j < m ? 1 : -1) * act.value(zr[j]);
      }
      out[i] = f / m;
    }
    return out;
  }

  lossAndGradient(): LossAndGradient {
    const { samples, patches, dim, y } = this.problem.data;
    const m = this.problem.model.filtersPerClass;
    const act = this.act;
    const z = this.forward(this.x32, this.w32);
    const outputs = this.outputsFrom(z);
    let loss = 0;
    for (let i = 0; i < samples; i++) {
      const margin = y[i] * outputs[i];
      loss += logisticLoss(margin);
      const g = (-logisticWeight(margin) * y[i]) / samples / m;
      for (let p = 0; p < patches; p++) {
        const r = i * patches + p;
        const zr = z[r];
        for (let j = 0; j < this.rows; j++) this.ct32[j * this.countPadded + r] = (j < m ? g : -g) * act.derivative(zr[j]);
      }
    }
    const g32 = this.gradient(this.ct32, this.xt32);
    const gradient = new Float64Array(this.rows * dim);
    for (let j = 0; j < this.rows; j++) for (let k = 0; k < dim; k++) gradient[j * dim + k] = g32[j][k];
    return { loss: loss / samples, gradient };
  }

  step(learningRate: number): number {
    const { loss, gradient } = this.lossAndGradient();
    for (let i = 0; i < this.w.length; i++) this.w[i] -= learningRate * gradient[i];
    this.loadWeights();
    return loss;
  }

  weights(): Float64Array {
    return Float64Array.from(this.w);
  }

  outputs(): Float64Array {
    return this.outputsFrom(this.forward(this.x32, this.w32));
  }

  /** The gpu.js kernel class that actually ran, and its fallback reason if it degraded. */
  ranOn(): string {
    const inner = this.forward.kernel;
    const reason = inner?.fallbackReason;
    return `${inner?.constructor.name ?? 'unknown kernel'}${reason ? ` (fell back: ${reason})` : ''}`;
  }

  dispose(): void {
    this.forward.destroy?.();
    this.gradient.destroy?.();
  }
}

let shared: { gpu: GPU; probes: ModeProbe[] } | undefined;

/**
 * gpu.js in the best mode the synchronous trainer can use here: WebGPU, then headless GL, then
 * WebAssembly (see gpuModes.ts); `device` records the mode that ran and why the others did not.
 */
export function createGpuJsBackend(): ComputeBackend {
  if (!shared) {
    const probes = probeModesSync();
    shared = { gpu: new GPU({ mode: chosenMode(probes) ?? 'cpu' }), probes };
  }
  const { gpu, probes } = shared;
  return {
    name: 'gpujs',
    precision: 'float32',
    // GL backends may flush denormals and use less careful float32 than IEEE; webasm is IEEE f32.
    tolerance: { relative: 5e-3, absolute: 1e-6 },
    device: `gpu.js ${gpu.mode} (float32 kernels, float64 pointwise on the host; not used: ${whyNot(probes, gpu.mode as GpuJsMode)})`,
    createTrainer: (problem) => new GpuJsTrainer(gpu, problem),
  };
}

/** The mode probes behind the gpujs backend (for `bench --gpu` and the fast-path choice). */
export function gpuJsModes(): readonly ModeProbe[] {
  return shared?.probes ?? probeModesSync();
}
