import type { Command } from 'commander';
import { join } from 'node:path';
import { backendRequests, getBackend, parseBackendRequest } from '../../compute/backends.ts';
import type { PatchDataset } from '../../data/patchDataset.ts';
import { readNpy, requireShape, writeNpy } from '../../io/npy.ts';
import type { Matrix } from '../../linalg/matrix.ts';
import { dataStableRank, filterStableRank } from '../../measures/stableRanks.ts';
import { type ActivationSpec, validateActivation } from '../../models/activation.ts';
import { gaussianFilters } from '../../models/initialization.ts';
import { InputError, InvalidParameterError } from '../../parameters/validation.ts';
import { createRng, gaussianArray } from '../../random/rng.ts';
import { writeFileAtomic } from '../../report/atomicWrite.ts';
import { trainPatchCnn, type TrainingResult } from '../../training/patchCnnGradientDescent.ts';
import { zhang2025Recorder, type Zhang2025Checkpoint } from '../../training/zhang2025Checkpoints.ts';
import { durationOption, integerOption, numberOption } from '../options.ts';
import { checkTrainSizes, DEFAULT_MAX_ELEMENTS } from '../trainSizes.ts';
import { requireOutputDirectory } from '../outputDirectory.ts';

export interface TrainCommandOptions {
  data?: string;
  labels?: string;
  init?: string;
  basis?: string;
  synthetic?: boolean;
  n?: number;
  patches?: number;
  dim?: number;
  seed: number;
  filters?: number;
  iters: number;
  lr: number;
  initScale: number;
  activation: string;
  q: number;
  kappa: number;
  backend: string;
  lossThreshold?: number;
  checkpointEvery?: number;
  dataRank: boolean;
  /** The most numbers any one array may hold (checked before it is made). */
  maxElements?: number;
  /** --time-limit in ms: training stops there with status `timeout` (default one hour). */
  timeLimit?: number;
  out: string;
}

interface TrainingInputs {
  readonly data: PatchDataset;
  readonly filtersPerClass: number;
  readonly initialWeights: Float64Array;
  readonly basis?: Matrix;
  readonly source: Record<string, string | number | null>;
}

const activations = ['huber', 'relu', 'relu-pow'] as const;

function activationSpec(options: TrainCommandOptions): ActivationSpec {
  let spec: ActivationSpec;
  switch (options.activation) {
    case 'huber':
      spec = { kind: 'huber', q: options.q, kappa: options.kappa };
      break;
    case 'relu':
      spec = { kind: 'relu' };
      break;
    case 'relu-pow':
      spec = { kind: 'relu-pow', q: options.q };
      break;
    default:
      throw new InvalidParameterError('activation', options.activation, `one of ${activations.join(', ')}`);
  }
  validateActivation(spec);
  return spec;
}

function loadData(options: TrainCommandOptions): { data: PatchDataset; source: TrainingInputs['source'] } {
  if (options.synthetic && options.data)
    throw new InvalidParameterError('data', options.data, 'absent with --synthetic (give one data source)');
  if (options.synthetic) {
    for (const name of ['n', 'patches', 'dim'] as const) {
      if (options[name] === undefined)
        throw new InvalidParameterError(name, undefined, `given with --synthetic (--n N --patches P --dim D)`);
    }
    const { n, patches, dim } = options as Required<Pick<TrainCommandOptions, 'n' | 'patches' | 'dim'>>;
    // Before the data is drawn: the filters are checked again once --init is read.
    checkTrainSizes({ n, patches, dim, filtersPerClass: options.filters ?? 1, dataRank: options.dataRank }, maxElementsOf(options));
    const rng = createRng(options.seed);
    // The NumPy peer's synthetic data: i.i.d. N(0, 1/d) patches, fair ±1 labels.
    const x = gaussianArray(rng.fork('synthetic-x'), n * patches * dim, 1 / Math.sqrt(dim));
    const labels = rng.fork('synthetic-y');
    const y = Float64Array.from({ length: n }, () => (labels.uniform() < 0.5 ? 1 : -1));
    return { data: { samples: n, patches, dim, x, y }, source: { kind: 'synthetic', seed: options.seed } };
  }
  for (const name of ['n', 'patches', 'dim'] as const) {
    if (options[name] !== undefined)
      throw new InvalidParameterError(name, options[name], 'given only with --synthetic (the shape of --data comes from the file)');
  }
  if (!options.data) throw new InvalidParameterError('data', undefined, 'an X.npy of shape (n, P, d), or --synthetic');
  if (!options.labels) throw new InvalidParameterError('labels', undefined, 'a y.npy of shape (n,) with labels ±1, given with --data');
  const xFile = readNpy(options.data, { maxElements: maxElementsOf(options) });
  const [n, patches, dim] = requireShape(xFile, options.data, 'the data X', ['n', 'P', 'd']);
  if (n < 1 || patches < 1 || dim < 1)
    throw new InputError(`${options.data}: the data X must have n, P, d ≥ 1, got (${xFile.shape.join(', ')})`);
  const yFile = readNpy(options.labels, { maxElements: maxElementsOf(options) });
  requireShape(yFile, options.labels, `the labels (one per sample of ${options.data})`, [n]);
  for (let i = 0; i < xFile.data.length; i++) {
    if (!Number.isFinite(xFile.data[i])) throw new InputError(`${options.data}: non-finite value at flat index ${i}`);
  }
  for (let i = 0; i < n; i++) {
    if (yFile.data[i] !== 1 && yFile.data[i] !== -1)
      throw new InputError(`${options.labels}: label ${i} is ${yFile.data[i]}; labels must be +1 or -1`);
  }
  return {
    data: { samples: n, patches, dim, x: xFile.data, y: yFile.data },
    source: { kind: 'npy', data: options.data, labels: options.labels },
  };
}

/** The longest a `train` run may take unless --time-limit says otherwise. */
const DEFAULT_TIME_LIMIT_MS = 60 * 60_000;

function maxElementsOf(options: TrainCommandOptions): number {
  return options.maxElements ?? DEFAULT_MAX_ELEMENTS;
}

export function loadTrainingInputs(options: TrainCommandOptions): TrainingInputs {
  const { data, source } = loadData(options);
  const maxElements = maxElementsOf(options);
  let filtersPerClass = options.filters;
  let initialWeights: Float64Array;
  if (options.init) {
    const w0 = readNpy(options.init, { maxElements });
    const [rows] = requireShape(w0, options.init, 'the initial filters W0', ['2m', data.dim]);
    if (rows < 2 || rows % 2 !== 0)
      throw new InputError(`${options.init}: W0 must have an even number 2m ≥ 2 of rows (m filters per class), got ${rows}`);
    if (filtersPerClass !== undefined && filtersPerClass !== rows / 2) {
      throw new InvalidParameterError('filters', filtersPerClass, `equal to the rows of ${options.init} over 2 (${rows / 2}), or left out`);
    }
    filtersPerClass = rows / 2;
    initialWeights = w0.data;
    for (let i = 0; i < initialWeights.length; i++) {
      if (!Number.isFinite(initialWeights[i])) throw new InputError(`${options.init}: non-finite value at flat index ${i}`);
    }
  } else {
    filtersPerClass ??= 20;
    checkTrainSizes({ n: data.samples, patches: data.patches, dim: data.dim, filtersPerClass, dataRank: options.dataRank }, maxElements);
    initialWeights = gaussianFilters(createRng(options.seed).fork('init'), filtersPerClass, data.dim, options.initScale);
  }
  let basis: Matrix | undefined;
  if (options.basis) {
    const u = readNpy(options.basis, { maxElements });
    const [rows] = requireShape(u, options.basis, 'the signal basis U (one direction per row)', ['2K', data.dim]);
    if (rows < 2 || rows % 2 !== 0 || rows > data.dim)
      throw new InputError(
        `${options.basis}: the signal basis U must have an even number 2K of rows, 2 ≤ 2K ≤ d = ${data.dim} (K directions per class), got ${rows}`,
      );
    for (let i = 0; i < u.data.length; i++) {
      if (!Number.isFinite(u.data[i]))
        throw new InputError(`${options.basis}: non-finite value at row ${Math.floor(i / data.dim)}, column ${i % data.dim}`);
    }
    for (let r = 0; r < rows; r++) {
      let norm = 0;
      for (let k = 0; k < data.dim; k++) norm += u.data[r * data.dim + k] ** 2;
      if (!(norm > 0)) throw new InputError(`${options.basis}: row ${r} of the signal basis U is zero; every direction needs a length`);
    }
    basis = { rows, cols: data.dim, data: u.data };
  }
  checkTrainSizes(
    { n: data.samples, patches: data.patches, dim: data.dim, filtersPerClass, basisRows: basis?.rows, dataRank: options.dataRank },
    maxElements,
  );
  return { data, filtersPerClass, initialWeights, basis, source: { ...source, init: options.init ?? null, basis: options.basis ?? null } };
}

export interface TrainCommandResult {
  readonly resultPath: string;
  readonly weightsPath: string;
  readonly training: TrainingResult<Zhang2025Checkpoint>;
  readonly summary: Record<string, unknown>;
}

/** Loads or draws the data, trains, and writes DIR/result.json and DIR/W.npy. */
export function runTrainCommand(options: TrainCommandOptions): TrainCommandResult {
  requireOutputDirectory(options.out);
  const activation = activationSpec(options);
  const backend = getBackend(parseBackendRequest(options.backend));
  const inputs = loadTrainingInputs(options);
  const { data, filtersPerClass, initialWeights, basis } = inputs;
  const dataRank = options.dataRank ? dataStableRank(data) : null;
  const training = trainPatchCnn(
    backend,
    { model: { filtersPerClass, activation }, data, initialWeights },
    {
      iterations: options.iters,
      learningRate: options.lr,
      lossThreshold: options.lossThreshold,
      checkpointEvery: options.checkpointEvery ?? Math.max(1, options.iters),
      // Time is bounded as memory is: a run of 10⁹ steps stops at its limit, with status `timeout`, instead of never ending.
      deadline: Date.now() + (options.timeLimit ?? DEFAULT_TIME_LIMIT_MS),
    },
    zhang2025Recorder({ filtersPerClass, dim: data.dim, dataStableRank: dataRank, basis }),
  );
  const finite = training.weights.every(Number.isFinite);
  const summary = {
    command: 'theorycheck train',
    createdAt: new Date().toISOString(),
    input: inputs.source,
    shape: { n: data.samples, patches: data.patches, dim: data.dim, filtersPerClass },
    hyperparameters: {
      iterations: options.iters,
      learningRate: options.lr,
      initScale: options.init ? null : options.initScale,
      activation,
      lossThreshold: options.lossThreshold ?? null,
    },
    status: training.status,
    steps: training.steps,
    divergedAt: training.divergedAt,
    // losses[t] = L(W_t); JSON has no NaN, so a diverged loss reads null.
    losses: training.losses.map((v) => (Number.isFinite(v) ? v : null)),
    initialFilterStableRank: filterStableRank(initialWeights, filtersPerClass, data.dim),
    filterStableRank: finite ? filterStableRank(training.weights, filtersPerClass, data.dim) : null,
    dataStableRank: dataRank,
    msPerIter: training.msPerIteration,
    backend: training.backend,
    device: training.device,
    fallbackReason: backend.fallbackReason ?? null,
    checkpoints: training.checkpoints.map((c) => ({ step: c.step, loss: Number.isFinite(c.loss) ? c.loss : null, ...c.value })),
  };
  const resultPath = join(options.out, 'result.json');
  const weightsPath = join(options.out, 'W.npy');
  writeNpy(weightsPath, [2 * filtersPerClass, data.dim], training.weights);
  writeFileAtomic(resultPath, `${JSON.stringify(summary, null, 1)}\n`);
  return { resultPath, weightsPath, training, summary };
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train the two-layer patch CNN by full-batch gradient descent on .npy data (or synthetic data) and write result.json and W.npy',
    )
    .option('--data <X.npy>', 'patches X of shape (n, P, d), float32/float64')
    .option('--labels <y.npy>', 'labels y of shape (n,), values ±1')
    .option('--init <W0.npy>', 'initial filters W0 of shape (2m, d); rows 0..m-1 class +1 (default: N(0, σ0²) from --seed)')
    .option('--basis <U.npy>', 'signal directions U of shape (2K, d), to record filter/basis cosines at checkpoints')
    .option('--synthetic', 'train on i.i.d. Gaussian data N(0, 1/d) with random ±1 labels (for timing)')
    .option('--n <N>', 'samples (with --synthetic)', integerOption('n', 1))
    .option('--patches <P>', 'patches per sample (with --synthetic)', integerOption('patches', 1))
    .option('--dim <D>', 'patch dimension (with --synthetic)', integerOption('dim', 1))
    .option('--seed <n>', 'seed of the synthetic data and the initialization', integerOption('seed', 0), 0)
    .option('--filters <m>', 'filters per class (default 20, or from --init)', integerOption('filters', 1))
    .option('--iters <T>', 'gradient-descent steps', integerOption('iters', 0), 100)
    .option('--lr <η>', 'learning rate', numberOption('lr', { min: 0, exclusiveMin: true }), 0.1)
    .option('--init-scale <σ0>', 'standard deviation of the initial filters', numberOption('init-scale', { min: 0 }), 0.01)
    .option('--activation <name>', `filter activation: ${activations.join(', ')}`, 'huber')
    .option('--q <q>', 'exponent of huber and relu-pow', numberOption('q', { min: 1 }), 3)
    .option('--kappa <κ>', 'threshold of the Huberized ReLU', numberOption('kappa', { min: 0, exclusiveMin: true }), 1)
    .option('--backend <name>', `compute backend: ${backendRequests.join(', ')}`, 'float64')
    .option('--loss-threshold <ε>', 'stop after the first step that starts at a loss ≤ ε', numberOption('loss-threshold', { min: 0 }))
    .option(
      '--checkpoint-every <k>',
      'record filter stable rank (and cosines) every k steps (default: start and end)',
      integerOption('checkpoint-every', 1),
    )
    .option('--no-data-rank', 'skip the data stable rank (an n × n Gram matrix: slow for large n)')
    .option(
      '--max-elements <N>',
      `the most numbers one array may hold, checked from the shapes before anything is allocated (default ${DEFAULT_MAX_ELEMENTS}, 400 MB as float64)`,
      integerOption('max-elements', 1),
    )
    .option(
      '--time-limit <duration>',
      'stop training after this long (e.g. 90s, 10m) with status timeout, the weights so far written (default 1h)',
      durationOption('time-limit'),
    )
    .requiredOption('--out <dir>', 'output directory for result.json and W.npy')
    .action((options: TrainCommandOptions) => {
      const { summary, resultPath, weightsPath } = runTrainCommand(options);
      const losses = summary.losses as (number | null)[];
      const fmt = (v: unknown) => (typeof v === 'number' ? v.toPrecision(6) : String(v));
      const shape = summary.shape as Record<string, number>;
      process.stdout.write(
        `trained n=${shape.n} P=${shape.patches} d=${shape.dim} m=${shape.filtersPerClass}: ${summary.status} after ${summary.steps} steps` +
          `${summary.divergedAt !== null ? ` (diverged at step ${summary.divergedAt})` : ''}, loss ${fmt(losses[0])} → ${fmt(losses[losses.length - 1])}, ` +
          `filter stable rank ${fmt(summary.filterStableRank)}, data stable rank ${fmt(summary.dataStableRank)}, ` +
          `${(summary.msPerIter as number).toFixed(3)} ms/step on ${summary.backend} (${summary.device})\nwrote ${resultPath} and ${weightsPath}\n`,
      );
    });
}
