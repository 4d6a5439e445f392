import { type Matrix, matrix } from '../linalg/matrix.ts';
import { invalidParameter, requireInteger, requireNumber } from '../parameters/validation.ts';
import { type Rng, gaussianArray } from '../random/rng.ts';

/**
 * The timor2022 networks: fully connected, scalar output, N(x) = W_L σ(W_{L−1} ⋯ σ(W_1 x)).
 * Bias-free ReLU and linear nets are the paper's setting; tanh and biases exist only so the
 * claims can show where balancedness and the norm-product bound stop holding.
 *
 * Plain float64 loops on purpose: the nets are a few hundred weights on two to eight points,
 * so one step is microseconds on the CPU and a GPU kernel launch alone would cost more.
 */
export type FullyConnectedActivation = 'relu' | 'linear' | 'tanh';

/** A fully connected network: layer widths, activation, initialization scale. */
export interface FullyConnectedSpec {
  readonly inputDim: number;
  /** Hidden width (every hidden layer has the same width). */
  readonly width: number;
  /** Number of weight matrices L ≥ 2 (depth 2 = one hidden layer). */
  readonly depth: number;
  readonly activation: FullyConnectedActivation;
  /** Biases on every layer (hidden and output); the paper's nets have none. */
  readonly bias?: boolean;
}

export interface DenseLayer {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols, row-major: row j holds the incoming weights of unit j. */
  readonly weights: Float64Array;
  readonly bias: Float64Array | null;
}

/** A fully connected network: its dense layers, in order. */
export interface FullyConnectedNet {
  readonly spec: FullyConnectedSpec;
  readonly layers: DenseLayer[];
}

/** Inputs as rows, labels aligned with them. */
export interface RegressionData {
  readonly inputs: readonly Float64Array[];
  readonly labels: readonly number[];
}

export function validateSpec(spec: FullyConnectedSpec): FullyConnectedSpec {
  requireInteger('inputDim', spec.inputDim, 1);
  requireInteger('width', spec.width, 1);
  requireInteger('depth', spec.depth, 2);
  if (!['relu', 'linear', 'tanh'].includes(spec.activation)) invalidParameter('activation', spec.activation, 'one of relu, linear, tanh');
  return spec;
}

function layerShapes(spec: FullyConnectedSpec): [number, number][] {
  const shapes: [number, number][] = [];
  for (let l = 0; l < spec.depth; l++) {
    const cols = l === 0 ? spec.inputDim : spec.width;
    const rows = l === spec.depth - 1 ? 1 : spec.width;
    shapes.push([rows, cols]);
  }
  return shapes;
}

/** A net with all weights zero, for constructions and tests. */
export function zeroNet(spec: FullyConnectedSpec): FullyConnectedNet {
  validateSpec(spec);
  return {
    spec,
    layers: layerShapes(spec).map(([rows, cols]) => ({
      rows,
      cols,
      weights: new Float64Array(rows * cols),
      bias: spec.bias ? new Float64Array(rows) : null,
    })),
  };
}

/**
 * Small init of the rich regime: every entry of W_i ~ N(0, ε²/fan_in), i.e. w ~ N(0, ε²/d) and
 * v ~ N(0, ε²/m) at depth 2. Biases, when present, start at the same scale.
 */
export function initFullyConnected(spec: FullyConnectedSpec, rng: Rng, scale: number): FullyConnectedNet {
  requireNumber('initScale', scale, { min: 0 });
  const net = zeroNet(spec);
  net.layers.forEach((layer, l) => {
    const stream = rng.fork(`layer${l}`);
    const std = scale / Math.sqrt(layer.cols);
    layer.weights.set(gaussianArray(stream, layer.weights.length, std));
    if (layer.bias) layer.bias.set(gaussianArray(stream, layer.bias.length, std));
  });
  return net;
}

export function cloneNet(net: FullyConnectedNet): FullyConnectedNet {
  return {
    spec: net.spec,
    layers: net.layers.map((layer) => ({
      rows: layer.rows,
      cols: layer.cols,
      weights: Float64Array.from(layer.weights),
      bias: layer.bias ? Float64Array.from(layer.bias) : null,
    })),
  };
}

export function layerMatrix(layer: DenseLayer): Matrix {
  return matrix(layer.rows, layer.cols, layer.weights);
}

function activate(kind: FullyConnectedActivation, z: number): number {
  if (kind === 'relu') return z > 0 ? z : 0;
  if (kind === 'tanh') return Math.tanh(z);
  return z;
}

/** σ'(z), with the gradient-flow convention σ'(0) = 0 for ReLU. */
function activationDerivative(kind: FullyConnectedActivation, z: number): number {
  if (kind === 'relu') return z > 0 ? 1 : 0;
  if (kind === 'tanh') {
    const t = Math.tanh(z);
    return 1 - t * t;
  }
  return 1;
}

/** N(x), and every layer's pre-activation when `trace` is given. */
export function forward(net: FullyConnectedNet, x: ArrayLike<number>, trace?: { pre: Float64Array[]; post: Float64Array[] }): number {
  if (x.length !== net.spec.inputDim) invalidParameter('x', `length ${x.length}`, `a vector of length inputDim = ${net.spec.inputDim}`);
  let input: ArrayLike<number> = x;
  const last = net.layers.length - 1;
  for (let l = 0; l <= last; l++) {
    const { rows, cols, weights, bias } = net.layers[l];
    const pre = trace ? trace.pre[l] : new Float64Array(rows);
    for (let j = 0; j < rows; j++) {
      let sum = bias ? bias[j] : 0;
      const offset = j * cols;
      for (let k = 0; k < cols; k++) sum += weights[offset + k] * input[k];
      pre[j] = sum;
    }
    if (l === last) return pre[0];
    const post = trace ? trace.post[l] : new Float64Array(rows);
    for (let j = 0; j < rows; j++) post[j] = activate(net.spec.activation, pre[j]);
    input = post;
  }
  return Number.NaN;
}

/** Gradient buffers shaped like the net's layers. */
export interface Gradients {
  readonly weights: Float64Array[];
  readonly bias: (Float64Array | null)[];
}

export function zeroGradients(net: FullyConnectedNet): Gradients {
  return {
    weights: net.layers.map((l) => new Float64Array(l.weights.length)),
    bias: net.layers.map((l) => (l.bias ? new Float64Array(l.bias.length) : null)),
  };
}

/** Scratch space reused across steps so a training loop allocates nothing. */
export interface Workspace {
  readonly pre: Float64Array[];
  readonly post: Float64Array[];
  readonly delta: Float64Array[];
}

export function createWorkspace(net: FullyConnectedNet): Workspace {
  return {
    pre: net.layers.map((l) => new Float64Array(l.rows)),
    post: net.layers.map((l) => new Float64Array(l.rows)),
    delta: net.layers.map((l) => new Float64Array(l.rows)),
  };
}

/** Square loss ½ Σ_i (N(x_i) − y_i)² and its gradient, written into `out`. */
export function squareLossAndGradient(
  net: FullyConnectedNet,
  data: RegressionData,
  out: Gradients,
  work: Workspace = createWorkspace(net),
): number {
  if (data.inputs.length !== data.labels.length)
    invalidParameter('labels', `length ${data.labels.length}`, `one label per input (${data.inputs.length})`);
  for (const g of out.weights) g.fill(0);
  for (const g of out.bias) g?.fill(0);
  const last = net.layers.length - 1;
  const kind = net.spec.activation;
  let loss = 0;
  for (let i = 0; i < data.inputs.length; i++) {
    const x = data.inputs[i];
    const residual = forward(net, x, work) - data.labels[i];
    loss += 0.5 * residual * residual;
    work.delta[last][0] = residual;
    for (let l = last; l >= 0; l--) {
      const { rows, cols, weights } = net.layers[l];
      const input = l === 0 ? x : work.post[l - 1];
      const delta = work.delta[l];
      const gw = out.weights[l];
      const gb = out.bias[l];
      for (let j = 0; j < rows; j++) {
        const dj = delta[j];
        if (gb) gb[j] += dj;
        if (dj === 0) continue;
        const offset = j * cols;
        for (let k = 0; k < cols; k++) gw[offset + k] += dj * input[k];
      }
      if (l === 0) break;
      const below = work.delta[l - 1];
      const pre = work.pre[l - 1];
      for (let k = 0; k < cols; k++) {
        let sum = 0;
        for (let j = 0; j < rows; j++) sum += weights[j * cols + k] * delta[j];
        below[k] = sum * activationDerivative(kind, pre[k]);
      }
    }
  }
  return loss;
}

export function squareLoss(net: FullyConnectedNet, data: RegressionData): number {
  let loss = 0;
  for (let i = 0; i < data.inputs.length; i++) {
    const r = forward(net, data.inputs[i]) - data.labels[i];
    loss += 0.5 * r * r;
  }
  return loss;
}

/**
 * Per hidden neuron of every hidden layer: ‖incoming weights‖² − ‖outgoing weights‖², the
 * quantity gradient flow conserves for positively homogeneous activations. Biases are not
 * counted as incoming weights (that omission is what the bias failure regime exposes).
 */
export function neuronBalances(net: FullyConnectedNet): number[] {
  const out: number[] = [];
  for (let l = 0; l < net.layers.length - 1; l++) {
    const inLayer = net.layers[l];
    const outLayer = net.layers[l + 1];
    for (let j = 0; j < inLayer.rows; j++) {
      let incoming = 0;
      for (let k = 0; k < inLayer.cols; k++) incoming += inLayer.weights[j * inLayer.cols + k] ** 2;
      let outgoing = 0;
      for (let r = 0; r < outLayer.rows; r++) outgoing += outLayer.weights[r * outLayer.cols + j] ** 2;
      out.push(incoming - outgoing);
    }
  }
  return out;
}

/** Per hidden neuron, ‖∂L/∂w_in‖² + ‖∂L/∂w_out‖², in the order of `neuronBalances`. */
export function neuronGradientNorms(net: FullyConnectedNet, grads: Gradients): number[] {
  const out: number[] = [];
  for (let l = 0; l < net.layers.length - 1; l++) {
    const inLayer = net.layers[l];
    const outLayer = net.layers[l + 1];
    for (let j = 0; j < inLayer.rows; j++) {
      let sum = 0;
      for (let k = 0; k < inLayer.cols; k++) sum += grads.weights[l][j * inLayer.cols + k] ** 2;
      for (let r = 0; r < outLayer.rows; r++) sum += grads.weights[l + 1][r * outLayer.cols + j] ** 2;
      out.push(sum);
    }
  }
  return out;
}
