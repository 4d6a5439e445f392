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

/** [start, end) blocks of at most `size` covering 0..total. */
function blocksOf(total: number, size: number): Array<readonly [number, number]> {
  const blocks: Array<readonly [number, number]> = [];
  for (let start = 0; start < total; start += size) blocks.push([start, Math.min(total, start + size)]);
  return blocks;
}

/**
 * The gpu.js path: float32 products in the mode createGpuJsBackend picked (headless GL where
 * present, WebAssembly SIMD otherwise), the O(nP·2m) pointwise work (activation, loss, ℓ') in
 * float64 on the host. Synchronous calls, so single-threaded and deterministic on webasm.
 *
 * A GL kernel's output is one texture, at most maxTextureSize (16384 on Mesa llvmpipe) on a
 * side: Z is computed in blocks of at most that many patch rows (shape L has 18000), G in blocks
 * of at most that many input dimensions, each block's operand rows copied out once here; one
 * kernel per block length, so at most two of each.
 */
class GpuJsTrainer implements PatchCnnTrainer {
  private readonly w: Float64Array;
  private readonly w32: Float32Array;
  /** The patch rows of X (count × dimPadded), per forward block. */
  private readonly xBlocks: Float32Array[];
  /** The rows of Xᵀ (dim × countPadded), per gradient block. */
  private readonly xtBlocks: Float32Array[];
  private readonly ct32: Float32Array;
  private readonly forward: Kernel[];
  private readonly gradient: Kernel[];
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
    const maxSide =
      (gpu as unknown as { Kernel?: { features?: { maxTextureSize?: number } } }).Kernel?.features?.maxTextureSize ?? Infinity;
    if (this.rows > maxSide) throw new Error(`gpu.js ${gpu.mode}: ${this.rows} filters exceed the largest texture side here (${maxSide})`);
    this.w = Float64Array.from(problem.initialWeights);
    this.w32 = new Float32Array(this.rows * dimPadded);
    this.loadWeights();
    const rowBlocks = blocksOf(this.count, maxSide);
    const dimBlocks = blocksOf(dim, maxSide);
    this.xBlocks = rowBlocks.map(([start, end]) => {
      const block = new Float32Array((end - start) * dimPadded);
      for (let r = start; r < end; r++) for (let k = 0; k < dim; k++) block[(r - start) * dimPadded + k] = x[r * dim + k];
      return block;
    });
    this.xtBlocks = dimBlocks.map(([start, end]) => {
      const block = new Float32Array((end - start) * countPadded);
      for (let k = start; k < end; k++) for (let r = 0; r < this.count; r++) block[(k - start) * countPadded + r] = x[r * dim + k];
      return block;
    });
    this.ct32 = new Float32Array(this.rows * countPadded);
    const constants = { dim: dimPadded, count: countPadded };
    const kernels = new Map<string, Kernel>();
    const kernelFor = (kind: 'forward' | 'gradient', length: number): Kernel => {
      const key = `${kind} ${length}`;
      let kernel = kernels.get(key);
      if (!kernel) {
        kernel = gpu.createKernel((kind === 'forward' ? forwardKernel : gradientKernel) as any, {
          output: kind === 'forward' ? [this.rows, length] : [length, this.rows],
          constants,
          precision: 'single',
        }) as unknown as Kernel;
        kernels.set(key, kernel);
      }
      return kernel;
    };
    this.forward = rowBlocks.map(([start, end]) => kernelFor('forward', end - start));
    this.gradient = dimBlocks.map(([start, end]) => kernelFor('gradient', end - start));
  }

  /** Z = X Wᵀ, one Float32Array of 2m per patch row. */
  private products(): Float32Array[] {
    if (this.forward.length === 1) return this.forward[0](this.xBlocks[0], this.w32);
    const z: Float32Array[] = [];
    for (let b = 0; b < this.forward.length; b++) for (const row of this.forward[b](this.xBlocks[b], this.w32)) z.push(row);
    return z;
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
    const z = this.products();
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
    const gradient = new Float64Array(this.rows * dim);
    let start = 0;
    for (let b = 0; b < this.gradient.length; b++) {
      const g32 = this.gradient[b](this.ct32, this.xtBlocks[b]);
      const length = this.xtBlocks[b].length / this.countPadded;
      for (let j = 0; j < this.rows; j++) for (let k = 0; k < length; k++) gradient[j * dim + start + k] = g32[j][k];
      start += length;
    }
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
    return this.outputsFrom(this.products());
  }

  /** The gpu.js kernel class that actually ran, and its fallback reason if it degraded. */
  ranOn(): string {
    const inner = this.forward[0].kernel;
    const reason = inner?.fallbackReason;
    return `${inner?.constructor.name ?? 'unknown kernel'}${reason ? ` (fell back: ${reason})` : ''}`;
  }

  dispose(): void {
    for (const kernel of new Set([...this.forward, ...this.gradient])) kernel.destroy?.();
  }
}

let shared: { gpu: GPU; probes: ModeProbe[] } | undefined;

/** The gpu.js kernel class each mode runs: a kernel built on another has fallen back. */
const kernelClass: Partial<Record<GpuJsMode, string>> = { headlessgl: 'HeadlessGLKernel' };

/**
 * One tiny forward product on `gpu` (a context that opens may still fail to compile or run a
 * kernel, and gpu.js then falls back to its CPU kernel quietly): null when it ran in `mode` and
 * gave the exact answer, else what went wrong, in one line.
 */
function smokeTest(gpu: GPU, mode: GpuJsMode): string | null {
  let kernel: Kernel | undefined;
  try {
    kernel = gpu.createKernel(forwardKernel as any, {
      output: [2, 1],
      constants: { dim: 4, count: 4 },
      precision: 'single',
    }) as unknown as Kernel;
    const [row] = kernel(new Float32Array([1, 2, 3, 4]), new Float32Array([1, 1, 1, 1, 0.5, -1, 0, 2]));
    const ran = kernel.kernel?.constructor.name;
    if (kernelClass[mode] && ran !== kernelClass[mode])
      return `fell back to ${ran ?? 'another kernel'}${kernel.kernel?.fallbackReason ? `: ${kernel.kernel.fallbackReason}` : ''}`;
    if (row?.[0] !== 10 || row?.[1] !== 6.5) return `gave ${row ? `[${row[0]}, ${row[1]}]` : 'nothing'} for [10, 6.5]`;
    return null;
  } catch (error) {
    return `threw: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`;
  } finally {
    kernel?.destroy?.();
  }
}

/** The one gpu.js instance of this process, in the mode the probes and the test kernel settled. */
function sharedGpu(): { gpu: GPU; probes: ModeProbe[] } {
  if (!shared) {
    let probes = probeModesSync();
    let gpu = new GPU({ mode: chosenMode(probes) ?? 'cpu' });
    const mode = gpu.mode as GpuJsMode;
    const failure = mode === 'headlessgl' ? smokeTest(gpu, mode) : null;
    if (failure) {
      gpu.destroy();
      probes = probes.map((p) => (p.mode === mode ? { ...p, usable: false, reason: `${p.reason}, but a test kernel ${failure}` } : p));
      gpu = new GPU({ mode: chosenMode(probes) ?? 'cpu' });
    }
    shared = { gpu, probes };
  }
  return shared;
}

/** Where the kernels run: the mode, and for headless GL the renderer gl reports. */
function describeMode(mode: string, probes: readonly ModeProbe[]): string {
  const probe = probes.find((p) => p.mode === mode);
  if (!probe?.renderer) return `gpu.js ${mode}`;
  return `gpu.js ${mode} on ${probe.renderer}${probe.software ? ', a software rasterizer' : ''}`;
}

/**
 * gpu.js in the best mode the synchronous trainer can use here: WebGPU, then headless GL, then
 * WebAssembly (see gpuModes.ts); `device` records the mode that ran (with headless GL, the
 * renderer) and why the others did not. A GL context that opens but cannot run a test kernel
 * exactly is dropped for the next mode, with that reason.
 */
export function createGpuJsBackend(): ComputeBackend {
  const { gpu, probes } = sharedGpu();
  return {
    name: 'gpujs',
    precision: 'float32',
    // GL backends may flush denormals and use less careful float32 than IEEE; webasm is IEEE f32.
    // Measured on the 1000 random shapes of test/compute/kernels.test.ts, headless GL on Mesa
    // llvmpipe under Xvfb and webasm both stay within 2.2e-6 of the largest |value| wherever the
    // relative term dominates, and at most 8.4% of this bound anywhere: one tolerance for both.
    tolerance: { relative: 5e-3, absolute: 1e-6 },
    device: `${describeMode(gpu.mode, probes)} (float32 kernels, float64 pointwise on the host; not used: ${whyNot(probes, gpu.mode as GpuJsMode)})`,
    createTrainer: (problem) => new GpuJsTrainer(gpu, problem),
  };
}

/** The mode probes behind the gpujs backend, after its test kernel (for `bench --gpu` and the fast-path choice). */
export function gpuJsModes(): readonly ModeProbe[] {
  return sharedGpu().probes;
}
