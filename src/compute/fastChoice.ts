import { environmentSetting } from '../config/environment.ts';
import { readFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import type { BackendName, ComputeBackend, PatchCnnProblem } from './backend.ts';
import { gpuModes, type ModeProbe } from './gpujs/gpuModes.ts';
import { packageVersion, repositoryRoot } from '../cache/engineVersion.ts';
import { writeFileAtomic } from '../report/atomicWrite.ts';
import { createRng, gaussianArray } from '../random/rng.ts';
import { InvalidParameterError } from '../parameters/validation.ts';

/** What 'fast' resolves to, and why. */
export interface FastChoice {
  readonly name: BackendName;
  readonly why: string;
}

export interface FastChoiceInput {
  /** The fastest CPU path available (native, else js-float32). */
  readonly cpuFastest: BackendName;
  readonly available: readonly BackendName[];
  readonly create: (name: BackendName) => ComputeBackend;
  /** gpu.js's mode probes (only called when no override is set). */
  readonly gpuProbes: () => readonly ModeProbe[];
  readonly env?: NodeJS.ProcessEnv;
  /** Where calibrations are cached; default .cache/fast-backend.json (gitignored). */
  readonly cacheFile?: string;
}

interface Calibration {
  readonly name: BackendName;
  readonly msPerStep: Partial<Record<BackendName, number>>;
  readonly measuredAt: string;
}

/** A shape-M problem (the bench's), small enough to time in well under a second on the native kernel. */
function calibrationProblem(): PatchCnnProblem {
  const rng = createRng('fast-calibration');
  const [samples, patches, dim, m] = [1000, 4, 784, 20];
  const y = new Float64Array(samples).map((_, i) => (i % 2 ? 1 : -1));
  return {
    model: { filtersPerClass: m, activation: { kind: 'huber', q: 3, kappa: 1 } },
    data: { samples, patches, dim, x: gaussianArray(rng.fork('x'), samples * patches * dim, 1 / Math.sqrt(dim)), y },
    initialWeights: gaussianArray(rng.fork('w'), 2 * m * dim, 0.01),
  };
}

const timings = (msPerStep: Partial<Record<BackendName, number>>) =>
  Object.entries(msPerStep)
    .map(([name, ms]) => `${name} ${ms!.toFixed(2)} ms/step`)
    .join(', ');

/**
 * Best of three steps after one warm-up step, in ms; a candidate whose timed step is already more
 * than 10× `toBeat` stops after that one (gpu.js on a software rasterizer: 364 ms a step at shape M
 * against 1.3 ms native here, so two steps instead of four).
 */
function timeSteps(backend: ComputeBackend, problem: PatchCnnProblem, toBeat = Number.POSITIVE_INFINITY): number {
  const trainer = backend.createTrainer(problem);
  try {
    trainer.step(0.1);
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      trainer.step(0.1);
      best = Math.min(best, performance.now() - start);
      if (best > 10 * toBeat) break;
    }
    return best;
  } finally {
    trainer.dispose();
  }
}

/**
 * 'fast': THEORYCHECK_FAST=<backend> when set; otherwise the fastest CPU path, unless gpu.js can
 * run in a GPU mode here. Then a short calibration at first use (a few shape-M steps on each)
 * decides, and is cached per machine (CPU, core count, the CPU path timed, gpu.js mode and GL
 * renderer, package version) in .cache/fast-backend.json, so later runs do not time again
 * (delete the file to re-measure).
 */
export function chooseFast(input: FastChoiceInput): FastChoice {
  const env = input.env ?? process.env;
  const override = environmentSetting('fast', env);
  if (override !== '') {
    if (!(input.available as readonly string[]).includes(override))
      throw new InvalidParameterError('THEORYCHECK_FAST', override, `one of ${input.available.join(', ')}`);
    return { name: override as BackendName, why: 'THEORYCHECK_FAST' };
  }
  const probes = input.gpuProbes();
  const gpu = probes.find((p) => p.usable && gpuModes.includes(p.mode));
  if (!gpu || !input.available.includes('gpujs')) {
    return {
      name: input.cpuFastest,
      why: `fastest CPU path; gpu.js has no GPU mode here (${probes
        .filter((p) => gpuModes.includes(p.mode))
        .map((p) => `${p.mode}: ${p.reason}`)
        .join('; ')})`,
    };
  }
  const cacheFile = input.cacheFile ?? join(repositoryRoot, '.cache', 'fast-backend.json');
  // What was timed against what, on what: a calibration of js-float32 (native not built) says nothing about native.
  const key = `${cpus()[0]?.model ?? 'cpu'} ×${availableParallelism()} | ${input.cpuFastest} vs gpu.js ${gpu.mode}${
    gpu.renderer ? ` on ${gpu.renderer}` : ''
  } | theorycheck ${packageVersion()}`;
  let cache: Record<string, Calibration> = {};
  try {
    cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Calibration>;
  } catch {
    // No calibration yet (or an unreadable one): measure.
  }
  const known = cache[key];
  if (known && input.available.includes(known.name))
    return { name: known.name, why: `calibrated ${known.measuredAt}: ${timings(known.msPerStep)} at shape M (${cacheFile})` };
  const problem = calibrationProblem();
  const candidates: BackendName[] = [input.cpuFastest, 'gpujs'];
  const msPerStep: Partial<Record<BackendName, number>> = {};
  for (const name of candidates) msPerStep[name] = timeSteps(input.create(name), problem, Math.min(...Object.values(msPerStep)));
  const name = candidates.reduce((a, b) => (msPerStep[b]! < msPerStep[a]! ? b : a));
  const calibration: Calibration = { name, msPerStep, measuredAt: new Date().toISOString() };
  try {
    mkdirSync(join(cacheFile, '..'), { recursive: true });
    writeFileAtomic(cacheFile, `${JSON.stringify({ ...cache, [key]: calibration }, null, 1)}\n`);
  } catch {
    // A read-only checkout calibrates again next time.
  }
  return { name, why: `calibrated now: ${timings(msPerStep)} at shape M` };
}
