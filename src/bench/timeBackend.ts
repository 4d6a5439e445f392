import type { ComputeBackend, PatchCnnProblem } from '../compute/backend.ts';
import { createRng, gaussianArray } from '../random/rng.ts';
import type { BenchShape } from './shapes.ts';

/** The peer's workload: X ~ N(0, 1/d), random ±1 labels, W0 ~ N(0, 0.01²), Huberized ReLU q = 3, κ = 1, η = 0.1. */
export function benchProblem(shape: BenchShape, seed = 0): PatchCnnProblem {
  const rng = createRng(`bench/${shape.name}/${seed}`);
  const { samples, patches, dim, filtersPerClass: m } = shape;
  const x = gaussianArray(rng.fork('x'), samples * patches * dim, 1 / Math.sqrt(dim));
  const labels = rng.fork('y');
  const y = new Float64Array(samples);
  for (let i = 0; i < samples; i++) y[i] = labels.uniform() < 0.5 ? 1 : -1;
  const w = gaussianArray(rng.fork('w'), 2 * m * dim, 0.01);
  return {
    model: { filtersPerClass: m, activation: { kind: 'huber', q: 3, kappa: 1 } },
    data: { samples, patches, dim, x, y },
    initialWeights: w,
  };
}

export const benchLearningRate = 0.1;

export interface BackendTiming {
  msPerStep: number;
  /** Steady-state step time, without loading the problem onto the backend. */
  msPerStepResident: number;
  /** Process CPU time (all threads) per step over the same span as msPerStep: robust to other load on the machine. */
  cpuMsPerStep: number;
  finalLoss: number;
}

/**
 * Warm-up before timing: steps on a first trainer for at least this long. A peer starts its
 * timed loop right after its interpreter started and imported NumPy or compiled the JAX step, on
 * a busy core; ours starts after waiting idle for the peer. Measured at shape S: 0.032–0.048
 * ms/step after a second idle or a peer's run, 0.026 after 300 ms of work, so two warm-up steps
 * (50 µs) timed a cold core.
 */
export const benchWarmupMs = 100;

/**
 * Times like the peer does: warm-up steps on a first trainer (at least two, for at least
 * benchWarmupMs), then loading the problem (conversion, deduplication) plus the timed steps,
 * divided by the steps. `iterations` may depend on how long the last warm-up step took, to bound
 * slow backends.
 */
export function timeBackend(
  backend: ComputeBackend,
  problem: PatchCnnProblem,
  iterations: number | ((warmStepMs: number) => number),
  warmupMs = benchWarmupMs,
): BackendTiming & { iterations: number } {
  const warm = backend.createTrainer(problem);
  warm.step(benchLearningRate);
  const warmupStart = performance.now();
  let warmStepMs: number;
  do {
    const stepStart = performance.now();
    warm.step(benchLearningRate);
    warmStepMs = performance.now() - stepStart;
  } while (performance.now() - warmupStart < warmupMs);
  warm.dispose();
  const steps = typeof iterations === 'number' ? iterations : iterations(warmStepMs);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const trainer = backend.createTrainer(problem);
  const loaded = performance.now();
  let loss = Number.NaN;
  for (let t = 0; t < steps; t++) loss = trainer.step(benchLearningRate);
  const end = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  trainer.dispose();
  return {
    msPerStep: (end - start) / steps,
    msPerStepResident: (end - loaded) / steps,
    cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
    finalLoss: loss,
    iterations: steps,
  };
}
