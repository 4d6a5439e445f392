import type { Claim, ExploreAxis } from '../../claims/claim.ts';
import type { Profile } from '../../claims/profile.ts';
import type { RunRecord } from '../../claims/result.ts';
import type { ComputeBackend } from '../../compute/backend.ts';
import { sharedCache } from '../../cache/resultCache.ts';
import { createEvaluator } from '../../explore/evaluator.ts';
import { runParameters } from '../../explore/exploreMap.ts';
import { type BoundaryEstimate, locateBoundary } from '../../explore/boundarySearch.ts';
import type { ParameterValue } from '../../parameters/parameter.ts';
import type { TrainingParams } from './trainingDomain.ts';

/** A run learned the signal when at least this fraction of ‖W_T‖F² lies in the clean span. */
export const SIGNAL_LEARNING_FRACTION = 0.5;

/** K = 2 directions per class: n = 2K·samplesPerDirection = 4·samplesPerDirection. */
export const PHASE_K = 2;

/**
 * The setting of the phase diagram: K = 2, m = 5K = 10 filters per class, κ = 0.05,
 * σ0 = 2.5e-3, η = 10, trained until L_S ≤ 0.05 (the training claims' schedule). The axes are
 * σp√d (`noise`) and n; q and d are the study's other two knobs.
 */
export function phaseParams(q: number, dim: number): Omit<TrainingParams, 'noise' | 'samplesPerDirection'> {
  return {
    K: PHASE_K,
    filtersPerDirection: 5,
    dim,
    activation: 'huberized',
    q,
    kappa: 0.05,
    initScale: 2.5e-3,
    learningRate: 10,
    maxSteps: 20_000,
    lossTarget: 0.05,
  };
}

/** What each profile spends. More seeds are spent only where the verdict is still open. */
export interface PhasePlan {
  /** Training-set sizes n on the map and the boundary search (multiples of 2K = 4). */
  readonly ns: readonly number[];
  /** The map's σp√d grid (q = 4, d = 100). */
  readonly mapNoise: readonly number[];
  /** Degrees q whose boundary is located at every n. */
  readonly qs: readonly number[];
  /** Dimensions compared at fixed n for the drift test (q = 4), and the n they are compared at. */
  readonly driftDims: readonly number[];
  readonly driftNs: readonly number[];
  /** Seeds per batch (the verdict is asked after each), and at most per cell or probe. */
  readonly batch: number;
  readonly maxSeeds: number;
  /** Bisection stops when σ_high/σ_low ≤ 1 + tolerance. */
  readonly tolerance: number;
  readonly maxProbes: number;
  /** The n of the flagship stable-rank figure. */
  readonly figureN: number;
}

export const phasePlans: Record<Profile, PhasePlan> = {
  smoke: {
    ns: [16, 32, 64],
    mapNoise: [0.5, 1, 1.5, 2, 3],
    qs: [4, 3],
    driftDims: [100, 200],
    driftNs: [32],
    batch: 4,
    maxSeeds: 8,
    tolerance: 0.1,
    maxProbes: 7,
    figureN: 32,
  },
  ci: {
    ns: [16, 32, 64, 128],
    mapNoise: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4],
    qs: [4, 3],
    driftDims: [100, 200],
    driftNs: [32, 64],
    batch: 8,
    maxSeeds: 24,
    tolerance: 0.04,
    maxProbes: 10,
    figureN: 64,
  },
  deep: {
    ns: [16, 32, 64, 128, 256],
    mapNoise: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 5],
    qs: [4, 3],
    driftDims: [100, 200, 300],
    driftNs: [32, 128],
    batch: 16,
    maxSeeds: 48,
    tolerance: 0.02,
    maxProbes: 12,
    figureN: 64,
  },
};

const noiseAxis: ExploreAxis = { name: 'noise', values: [] };
const samplesAxis: ExploreAxis = { name: 'samplesPerDirection', values: [] };

/** One located boundary σ*(n) at (q, d), with the replay command of its bracket. */
export interface LocatedBoundary extends BoundaryEstimate {
  readonly q: number;
  readonly dim: number;
  readonly n: number;
  readonly replay: string | null;
}

/**
 * Runs the order-parameter claim on the phase diagram's setting through the result cache, with
 * the explorer's seeding (run i of every point has the same seed and data), so that
 * `theorycheck explore` reproduces any cell or probe exactly.
 */
export class PhaseRunner {
  private readonly evaluate;
  private readonly boundaries = new Map<string, Promise<LocatedBoundary>>();

  constructor(
    readonly claim: Claim<any, any>,
    readonly backend: ComputeBackend,
    readonly baseSeed: number,
    readonly plan: PhasePlan,
    runTimeMs = 60_000,
  ) {
    this.evaluate = createEvaluator(claim, backend, sharedCache(), runTimeMs);
  }

  /** Runs asked for and runs trained (not served from the cache) so far. */
  get stats(): { runs: number; computed: number } {
    return { ...this.evaluate.stats };
  }

  fixed(q: number, dim: number): Record<string, ParameterValue> {
    return phaseParams(q, dim) as unknown as Record<string, ParameterValue>;
  }

  /** Run `seedIndex` of the point (q, d, n, σp√d). */
  run(q: number, dim: number, n: number, noise: number, seedIndex: number): Promise<RunRecord> {
    const params = runParameters(
      this.claim,
      noiseAxis,
      samplesAxis,
      this.fixed(q, dim),
      this.baseSeed,
    )(noise, n / (2 * PHASE_K), seedIndex);
    return this.evaluate(params);
  }

  /** The command that reproduces a row of points (first `seeds` runs each) with `theorycheck explore`. */
  replay(q: number, dim: number, n: number, noises: readonly number[], seeds: number): string {
    const sets = Object.entries(this.fixed(q, dim))
      .map(([k, v]) => `--set ${k}=${v}`)
      .join(' ');
    return `npx theorycheck explore ${this.claim.id} --x noise=${[...new Set(noises)].sort((a, b) => a - b).join(',')} --y samplesPerDirection=${n / (2 * PHASE_K)} ${sets} --seeds ${seeds} --refine 0 --target 0 --seed ${this.baseSeed} --backend ${this.backend.name}`;
  }

  /**
   * σ*(n) at (q, d): bisection in log σp√d, memoized so the claim and the study share it (a search
   * cut short by `shouldStop` is not kept: a later caller with more time redoes it from the cache).
   */
  boundary(q: number, dim: number, n: number, shouldStop: () => boolean = () => false): Promise<LocatedBoundary> {
    const key = `${q}/${dim}/${n}`;
    let found = this.boundaries.get(key);
    if (!found) {
      found = this.locate(q, dim, n, shouldStop).then((result) => {
        if (result.stopped === 'time') this.boundaries.delete(key);
        return result;
      });
      this.boundaries.set(key, found);
    }
    return found;
  }

  private async locate(q: number, dim: number, n: number, shouldStop: () => boolean): Promise<LocatedBoundary> {
    const estimate = await locateBoundary({
      // The theorem's scaling σ* ∝ n^(1/q), from σ* ≈ 1.4 at n = 16, brackets the start.
      low: 0.7 * (n / 16) ** (1 / q),
      high: 2.8 * (n / 16) ** (1 / q),
      evaluate: async (noise, seedIndex) => {
        const record = await this.run(q, dim, n, noise, seedIndex);
        return record.outcome === 'pass' ? true : record.outcome === 'fail' ? false : null;
      },
      batch: this.plan.batch,
      maxSeeds: this.plan.maxSeeds,
      tolerance: this.plan.tolerance,
      maxProbes: this.plan.maxProbes,
      shouldStop,
    });
    const decided = estimate.probes.filter(
      (p) =>
        estimate.interval &&
        (p.x === estimate.interval[0] || p.x === estimate.interval[1] || (p.x > estimate.interval[0] && p.x < estimate.interval[1])),
    );
    const seeds = Math.max(0, ...decided.map((p) => p.runs + p.unjudged));
    const replay = decided.length
      ? this.replay(
          q,
          dim,
          n,
          decided.map((p) => p.x),
          seeds,
        )
      : null;
    return { ...estimate, q, dim, n, replay };
  }
}

/** The process-wide runners, one per (claim, backend, seed, profile): the claim's examples and the study share their boundaries. */
const runners = new Map<string, PhaseRunner>();

export function phaseRunner(claim: Claim<any, any>, backend: ComputeBackend, baseSeed: number, profile: Profile): PhaseRunner {
  const key = `${claim.id}/${backend.name}/${baseSeed}/${profile}`;
  let runner = runners.get(key);
  if (!runner) {
    runner = new PhaseRunner(claim, backend, baseSeed, phasePlans[profile]);
    runners.set(key, runner);
  }
  return runner;
}
