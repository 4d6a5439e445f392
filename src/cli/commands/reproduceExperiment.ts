import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { parseProfile } from '../../claims/profile.ts';
import { InvalidParameterError } from '../../parameters/validation.ts';
import { parseDigitPair } from '../../data/mnist.ts';
import { locateCifar10 } from '../../data/cifar10.ts';
import type { PcaMode } from '../../data/pca.ts';
import { backendEntry, collectProvenance } from '../../report/provenance.ts';
import { mergeIntoReport, readExistingResults } from '../../report/mergeResults.ts';
import { requireOutputDirectory } from '../outputDirectory.ts';
import { runRealDataExperiment, type RealDataset } from '../../experiments/realData/experiments.ts';
import { formatSweepTable } from '../../experiments/realData/sweepReport.ts';
import { integerOption } from '../options.ts';
import { EXIT_OK, EXIT_UNEXPECTED_VERDICT } from '../errors.ts';

/** `theorycheck reproduce mnist|cifar10`: the paper's real-data experiments (issue 6). */
export const experimentNames: readonly RealDataset[] = ['mnist', 'cifar10'];

export function isExperimentName(name: string): name is RealDataset {
  return (experimentNames as readonly string[]).includes(name);
}

export interface ReproduceExperimentOptions {
  backend?: string;
  data?: string;
  profile?: string;
  classes?: string;
  k?: number;
  pca?: string;
  noise?: string;
  seed?: number;
  out?: string;
  trainPerClass?: number;
  testPerClass?: number;
  iterations?: number;
  noiseCovariance?: string;
  /** --time-budget of the reproduce command, in ms: noise levels not started by then are skipped. */
  timeBudget?: number;
}

/** The experiment options, added to the `reproduce` command. */
export function addExperimentOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'cifar10: the folder holding data_batch_*.bin and test_batch.bin')
    .option('--profile <name>', 'mnist/cifar10: sweep size, smoke | ci | deep', 'ci')
    .option('--classes <a,b>', 'mnist/cifar10: the class pair, the first labelled +1 (default 0,1)')
    .option('--k <n>', 'mnist/cifar10: PCA components (per class with --pca classwise)', integerOption('k', 1))
    .option('--pca <mode>', 'mnist/cifar10: classwise (clean rank 2K) or global (clean rank K)')
    .option('--noise <list>', 'mnist/cifar10: the σp grid, comma-separated, ascending (e.g. 0,0.05,0.1)')
    .option('--noise-covariance <kind>', 'mnist/cifar10: isotropic or orthogonal (noise off the clean span)')
    .option('--train-per-class <n>', 'mnist/cifar10: training images per class', integerOption('train-per-class', 1))
    .option('--test-per-class <n>', 'mnist/cifar10: test images per class', integerOption('test-per-class', 0))
    .option('--iterations <n>', 'mnist/cifar10: gradient-descent steps per noise level', integerOption('iterations', 0))
    .option('--seed <n>', 'mnist/cifar10: seed of the image draw, noise and initialization', integerOption('seed', 0))
    .option('--out <dir>', 'mnist/cifar10: report directory (results.json is merged, not replaced)', 'reports');
}

function parseNoiseList(text: string): number[] {
  const values = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v < 0))
    throw new InvalidParameterError('noise', text, 'a comma-separated list of numbers ≥ 0, e.g. 0,0.05,0.1');
  return values;
}

export async function reproduceExperiment(name: string, options: ReproduceExperimentOptions, command?: Command): Promise<number> {
  if (!isExperimentName(name)) throw new InvalidParameterError('experiment', name, `one of ${experimentNames.join(', ')}`);
  const startedAt = new Date();
  const profile = parseProfile(options.profile);
  // The experiment is a long sweep: unless --backend was typed, take the fastest path.
  const backendRequest = command && command.getOptionValueSource('backend') === 'default' ? 'fast' : (options.backend ?? 'fast');
  const backend = getBackend(parseBackendRequest(backendRequest));
  const pca = options.pca;
  if (pca !== undefined && pca !== 'classwise' && pca !== 'global') throw new InvalidParameterError('pca', pca, "'classwise' or 'global'");
  const noiseCovariance = options.noiseCovariance;
  if (noiseCovariance !== undefined && noiseCovariance !== 'isotropic' && noiseCovariance !== 'orthogonal') {
    throw new InvalidParameterError('noise-covariance', noiseCovariance, "'isotropic' or 'orthogonal'");
  }
  const overrides = {
    ...(options.k !== undefined ? { K: options.k } : {}),
    ...(pca ? { pca: pca as PcaMode } : {}),
    ...(options.noise ? { noiseLevels: parseNoiseList(options.noise) } : {}),
    ...(noiseCovariance ? { noiseCovariance: noiseCovariance as 'isotropic' | 'orthogonal' } : {}),
    ...(options.trainPerClass !== undefined ? { trainPerClass: options.trainPerClass } : {}),
    ...(options.testPerClass !== undefined ? { testPerClass: options.testPerClass } : {}),
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
  };
  const classes = options.classes ? parseDigitPair(options.classes, 'classes') : undefined;
  const outDir = options.out ?? 'reports';
  // Fail on a broken results.json before the long run, not after it.
  requireOutputDirectory(outDir);
  const existing = readExistingResults(outDir);
  const seed = options.seed ?? 42;
  if (name === 'cifar10') locateCifar10(options.data);
  process.stderr.write(
    `theorycheck: ${name} noise sweep (profile ${profile}, seed ${seed}) on ${backend.name} (${backend.device})${backend.fallbackReason ? ` — ${backend.fallbackReason}` : ''}\n`,
  );
  const { report, result } = runRealDataExperiment(
    name,
    {
      profile,
      seed,
      classes,
      overrides,
      dataDir: options.data,
      deadline: options.timeBudget !== undefined ? Date.now() + options.timeBudget : undefined,
      onLevel: (level, index, total) =>
        process.stderr.write(
          `  [${index + 1}/${total}] σp = ${level.noise}: sr(X) = ${level.dataStableRank.toPrecision(4)}, sr(W) = ${level.filterStableRank.toPrecision(4)}, ${level.status}\n`,
        ),
    },
    backend,
  );
  process.stdout.write(`${report.title}\n${formatSweepTable(report)}\n`);
  if (result.skipped.length) process.stderr.write(`theorycheck: time budget reached, skipped σp = ${result.skipped.join(', ')}\n`);
  mkdirSync(outDir, { recursive: true });
  const written = await mergeIntoReport(outDir, existing, { experiments: [report] }, () =>
    collectProvenance({
      profile,
      seed,
      backends: [backendEntry(backend)],
      startedAt,
      partial: false,
      command: `theorycheck reproduce ${name}`,
    }),
  );
  process.stdout.write(`experiment ${report.id} written to ${written.resultsPath} and ${written.htmlPath}\n`);
  // Every level diverging is not a result; anything else is one, whatever it shows.
  return result.levels.some((l) => l.status !== 'diverged') ? EXIT_OK : EXIT_UNEXPECTED_VERDICT;
}
