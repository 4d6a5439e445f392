// Prints SHA-256 digests of one seeded zhang2025 training run (data, init, trajectory, measures),
// so two processes can be compared bit for bit. Usage: tsx trajectoryDigest.ts <backend> <seed>
import { createHash } from 'node:crypto';
import { createRng } from '../../src/random/rng.ts';
import { createSignalNoiseModel } from '../../src/data/zhang2025/signalNoiseModel.ts';
import { gaussianFilters } from '../../src/models/initialization.ts';
import { trainPatchCnn } from '../../src/training/patchCnnGradientDescent.ts';
import { getBackend, parseBackendRequest } from '../../src/compute/backends.ts';
import { filterAlignment } from '../../src/measures/filterAlignment.ts';
import { dataStableRank, filterStableRank } from '../../src/measures/stableRanks.ts';

const digest = (values: ArrayLike<number>) =>
  createHash('sha256')
    .update(new Uint8Array(Float64Array.from(values).buffer))
    .digest('hex');

const backend = getBackend(parseBackendRequest(process.argv[2] ?? 'float64'));
const rng = createRng(Number(process.argv[3] ?? 7));
const K = 2,
  m = 6,
  n = 24,
  dim = 40;
const model = createSignalNoiseModel({ K, dim, patches: 3, noise: 0.5 / Math.sqrt(dim) }, rng.fork('model'));
const train = model.sampleBalanced(n, rng.fork('train'));
const initial = gaussianFilters(rng.fork('init'), m, dim, 1e-2);
const result = trainPatchCnn(
  backend,
  { model: { filtersPerClass: m, activation: { kind: 'huber', q: 3, kappa: 0.1 } }, data: train.data, initialWeights: initial },
  { iterations: 200, learningRate: 2 },
);
const alignment = filterAlignment(result.weights, m, model.basis);
process.stdout.write(
  JSON.stringify({
    backend: result.backend,
    data: digest(train.data.x),
    init: digest(initial),
    losses: digest(result.losses),
    weights: digest(result.weights),
    measures: digest([
      filterStableRank(result.weights, m, dim),
      dataStableRank(train.data),
      alignment.weightedMaxCosine,
      ...alignment.cosines.flat(),
    ]),
  }) + '\n',
);
