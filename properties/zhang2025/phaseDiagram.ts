import type { Study, StudyOutput } from '../../src/claims/study.ts';
import { decideVerdict } from '../../src/claims/verdict.ts';
import { median } from '../../src/claims/statistics.ts';
import type { Verdict } from '../../src/claims/result.ts';
import type { ExperimentReport, RegimeMap, RegimeMapCell } from '../../src/report/reportModel.ts';
import {
  fitFixedExponentConstant,
  fitPowerLaw,
  ratioOf,
  slopeDifference,
  type PowerLawFit,
  type PowerLawPoint,
} from '../../src/explore/powerLawFit.ts';
import {
  type LocatedBoundary,
  PHASE_K,
  phaseRunner,
  type PhaseRunner,
  SIGNAL_LEARNING_FRACTION,
} from '../../src/experiments/zhang2025/phaseDiagram.ts';
import { boundaryScalingChart, stableRankAcrossBoundaryChart, type StableRankPoint } from '../../src/report/charts/phaseCharts.ts';
import { signalLearningBeatsNoise } from './signalLearningBeatsNoise.ts';

const MAP_Q = 4;
const MAP_DIM = 100;

interface MapCellRuns {
  readonly cell: RegimeMapCell;
  readonly verdict: Verdict;
  readonly ranks: StableRankPoint[];
}

/** One cell: the verdict on "pass rate > ½" by the claims' rule, asked after every batch of seeds until it decides (or the seeds run out). */
async function mapCell(runner: PhaseRunner, q: number, n: number, noise: number, shouldStop: () => boolean): Promise<MapCellRuns> {
  const { batch, maxSeeds } = runner.plan;
  let passes = 0;
  let failures = 0;
  let seeds = 0;
  const ranks: StableRankPoint[] = [];
  let decided = decideVerdict('stochastic', 0.5, { passes, failures, interrupted: false, plannedRuns: 0 });
  // The rule is anytime-valid: asked after every batch, the cell stops as soon as it decides.
  for (let upTo = Math.min(batch, maxSeeds); seeds < maxSeeds && !shouldStop(); upTo = Math.min(maxSeeds, upTo + batch)) {
    for (; seeds < upTo && !shouldStop(); seeds++) {
      const record = await runner.run(q, MAP_DIM, n, noise, seeds);
      if (record.outcome === 'pass') passes++;
      else if (record.outcome === 'fail') failures++;
      const m = record.measured as { filterStableRank?: number; dataStableRank?: number } | null;
      if (m && typeof m.filterStableRank === 'number' && typeof m.dataStableRank === 'number')
        ranks.push({ noise, filterStableRank: m.filterStableRank, dataStableRank: m.dataStableRank });
    }
    decided = decideVerdict('stochastic', 0.5, { passes, failures, interrupted: shouldStop(), plannedRuns: passes + failures });
    if (decided.verdict !== 'inconclusive') break;
  }
  const cell: RegimeMapCell = {
    x: noise,
    y: n,
    runs: passes + failures,
    passes,
    passRate: decided.passRate,
    interval: decided.interval,
    refined: false,
    replay: runner.replay(q, MAP_DIM, n, [noise], seeds),
  };
  return { cell, verdict: decided.verdict, ranks };
}

const pointOf = (b: LocatedBoundary): PowerLawPoint | null =>
  b.estimate !== null && b.interval ? { x: b.n, y: b.estimate, interval: b.interval } : null;
const fitOf = (bs: LocatedBoundary[]): PowerLawFit | null => {
  const points = bs.map(pointOf).filter((p): p is PowerLawPoint => p !== null);
  return points.length >= 2 ? fitPowerLaw(points) : null;
};
const f3 = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);
const interval = ([a, b]: [number, number], f = f3) => `[${f(a)}, ${f(b)}]`;

/**
 * zhang2025/phase-diagram. The order parameter is the trained filters' signal fraction
 * ‖Π_U W_T‖F²/‖W_T‖F² against ½ (zhang2025/signal-learning-beats-noise): a run learned the signal
 * when more of W lies in the clean span than outside it. It is the quantity the theorem's
 * dichotomy is about (signal coefficients γ vs noise coefficients ρ), it is continuous per run
 * (so common random numbers make the pass/fail edge sharp), and it crosses ½ where the phase
 * changes; test error follows later (benign overfitting keeps it small while part of W is
 * memorised noise) and needs a large test set to resolve.
 *
 * Output: the pass-rate map over σp√d × n (q = 4, d = 100) with the theorem's curve n·SNR^q = c
 * (c fitted, with its interval) and the located boundary drawn on it; the boundary σ*(n) located
 * by bisection for each q and n and for each d at the drift n's, with the exponent fits; and the
 * flagship figure, sr(W_T) and sr(X) against σp√d at one n from the map's runs with σ* marked.
 * Every cell and boundary carries the `theorycheck explore` command that reproduces it.
 */
export const phaseDiagram: Study = {
  id: 'zhang2025/phase-diagram',
  // One process for the study and zhang2025/boundary-scaling: they locate the same boundaries (phaseRunner caches them).
  runGroup: 'zhang2025/phase-diagram',
  title: 'Signal learning vs noise memorisation over σp√d × n: the phase diagram and its located boundary',
  profiles: ['smoke', 'ci', 'deep'],
  async run(context): Promise<StudyOutput> {
    const started = performance.now();
    const shouldStop = () => Date.now() > context.deadline || Boolean(context.signal?.aborted);
    const runner = phaseRunner(signalLearningBeatsNoise, context.backend, context.seed, context.profile);
    const plan = runner.plan;

    // The boundaries first: the map's seeds then land on a cache already warm near the edge.
    const byQ = new Map<number, LocatedBoundary[]>();
    for (const q of plan.qs) {
      const list: LocatedBoundary[] = [];
      for (const n of plan.ns) list.push(await runner.boundary(q, MAP_DIM, n, shouldStop));
      byQ.set(q, list);
    }
    const drift: LocatedBoundary[] = [];
    for (const n of plan.driftNs) for (const d of plan.driftDims) drift.push(await runner.boundary(MAP_Q, d, n, shouldStop));

    // The map (q = 4, d = 100) and, from the same runs, the stable ranks of the flagship figure.
    const mapQs = context.profile === 'deep' ? plan.qs : [MAP_Q];
    const maps: RegimeMap[] = [];
    let figureRanks: StableRankPoint[] = [];
    for (const q of mapQs) {
      const cells: RegimeMapCell[] = [];
      for (const n of plan.ns) {
        for (const noise of plan.mapNoise) {
          const { cell, ranks } = await mapCell(runner, q, n, noise, shouldStop);
          cells.push(cell);
          if (q === MAP_Q && n === plan.figureN) figureRanks = figureRanks.concat(ranks);
        }
      }
      const boundaries = byQ.get(q) ?? [];
      const points = boundaries.map(pointOf).filter((p): p is PowerLawPoint => p !== null);
      const conditions: RegimeMap['conditions'] = [];
      const nRange = [Math.min(...plan.ns), Math.max(...plan.ns)];
      const curve = (c: number) =>
        Array.from({ length: 9 }, (_, i) => nRange[0] * (nRange[1] / nRange[0]) ** (i / 8)).map((n) => ({ x: (n / c) ** (1 / q), y: n }));
      let cText = 'not fitted (no boundary located)';
      if (points.length) {
        const fitted = fitFixedExponentConstant(points, q);
        cText = `c = ${f2(fitted.c)} ${interval(fitted.interval, f2)}`;
        conditions.push({ label: `theorem: n·SNR^${q} = c, fitted ${cText}`, points: curve(fitted.c) });
        conditions.push({
          label: `n·SNR^${q} = ${f2(fitted.interval[0])} (lower end of c's 95% interval)`,
          points: curve(fitted.interval[0]),
        });
        conditions.push({
          label: `n·SNR^${q} = ${f2(fitted.interval[1])} (upper end of c's 95% interval)`,
          points: curve(fitted.interval[1]),
        });
        conditions.push({ label: 'located boundary σ*(n) (bisection)', points: points.map((p) => ({ x: p.y, y: p.x })) });
      }
      maps.push({
        claimId: signalLearningBeatsNoise.id,
        title: `Phase diagram (q = ${q}, d = ${MAP_DIM}): where the filters learn more signal than noise`,
        x: 'background noise σp√d',
        y: 'training samples n',
        rest: {
          K: String(PHASE_K),
          'm per class': '10',
          d: String(MAP_DIM),
          q: String(q),
          'κ, σ0, η': '0.05, 2.5e-3, 10',
          schedule: 'until L_S ≤ 0.05 (cap 20 000 steps)',
          'pass means': `signal fraction ‖Π_U W_T‖F²/‖W_T‖F² ≥ ${SIGNAL_LEARNING_FRACTION}`,
          'cell verdict': `pass rate against ½ by the claims' (anytime-valid) rule, asked every ${plan.batch} seeds until decided, at most ${plan.maxSeeds}`,
          'theorem curve': `n·SNR^${q} = c with SNR = 1/(σp√d), ${cText}`,
        },
        cells,
        conditions,
        durationMs: performance.now() - started,
        ...(q === MAP_Q
          ? {
              headline: {
                caption: `Where zhang2025's theorem stops holding: the filters learn the signal (green) below a noise level that grows with n; the theorem's curve n·SNR^${q} = c, c fitted, beside the located boundary.`,
                order: 1,
              },
            }
          : {}),
      });
    }

    // The located boundaries, the exponent fits and the drift, as a table and a chart.
    const fits = new Map<number, PowerLawFit | null>(plan.qs.map((q) => [q, fitOf(byQ.get(q) ?? [])]));
    const rows: (string | number | null)[][] = [];
    const all = [...plan.qs.flatMap((q) => byQ.get(q) ?? []), ...drift.filter((b) => b.dim !== MAP_DIM)];
    for (const b of all) {
      rows.push([
        b.q,
        b.dim,
        b.n,
        b.estimate === null ? null : Number(b.estimate.toFixed(3)),
        b.interval?.[0] ?? null,
        b.interval?.[1] ?? null,
        b.probes.length,
        b.runs,
        b.stopped,
        b.replay,
      ]);
    }
    const sentences: string[] = [];
    for (const q of plan.qs) {
      const fit = fits.get(q);
      sentences.push(
        fit
          ? `q = ${q}: exponent ${f3(fit.slope)} ${interval(fit.slopeInterval)} against 1/q = ${f3(1 / q)} — ${fit.slopeInterval[0] <= 1 / q && 1 / q <= fit.slopeInterval[1] ? 'contains 1/q' : 'excludes 1/q'}`
          : `q = ${q}: not enough located boundaries to fit`,
      );
    }
    const four = fits.get(4);
    const three = fits.get(3);
    if (four && three) {
      const d = slopeDifference(three, four);
      sentences.push(`q = 3 minus q = 4: ${f3(d.difference)} ${interval(d.interval)} (1/3 − 1/4 = 0.083)`);
    }
    for (const n of plan.driftNs) {
      const base = drift.find((b) => b.n === n && b.dim === plan.driftDims[0]);
      for (const b of drift.filter((x) => x.n === n && x.dim !== plan.driftDims[0])) {
        const p = base && pointOf(base);
        const o = pointOf(b);
        if (p && o) {
          const r = ratioOf(o, p);
          sentences.push(`n = ${n}: σ*(d = ${b.dim})/σ*(d = ${plan.driftDims[0]}) = ${f3(r.ratio)} ${interval(r.interval)}`);
        }
      }
    }
    const scalingPoints = all
      .filter((b) => b.estimate !== null && b.interval)
      .map((b) => ({ n: b.n, series: `q = ${b.q}, d = ${b.dim}`, estimate: b.estimate!, low: b.interval![0], high: b.interval![1] }));
    const lines = plan.qs.flatMap((q) => {
      const fit = fits.get(q);
      if (!fit) return [];
      const ns = [Math.min(...plan.ns), Math.max(...plan.ns)];
      const mid = Math.sqrt(ns[0] * ns[1]);
      const atMid = Math.exp(fit.intercept + fit.slope * Math.log(mid));
      return [
        {
          series: `q = ${q}, d = ${MAP_DIM}`,
          kind: 'fitted' as const,
          points: ns.map((n) => ({ n, sigma: Math.exp(fit.intercept + fit.slope * Math.log(n)) })),
        },
        {
          series: `q = ${q}, d = ${MAP_DIM}`,
          kind: 'slope 1/q' as const,
          points: ns.map((n) => ({ n, sigma: atMid * (n / mid) ** (1 / q) })),
        },
      ];
    });
    const boundaryReport: ExperimentReport = {
      id: 'zhang2025/noise-boundary',
      title: 'The located noise boundary σ*(n) and its scaling',
      description:
        `σ*(n): the σp√d where half the seeds learn more signal than noise, found by bisection in log σp√d (each probe judged by the claims' anytime-valid verdict rule every ${plan.batch} seeds until it tells the pass rate from ½, at most ${plan.maxSeeds}; stop when the bracket is within ${plan.tolerance * 100}%). ` +
        `The interval is the bracket of the nearest decided probes, both ends confirmed on all ${plan.maxSeeds} seeds. Exponents: weighted least squares of log σ* on log n (95% intervals, widened by the Birge ratio). ${sentences.join('; ')}. ` +
        'The claim zhang2025/boundary-scaling judges these numbers.',
      columns: ['q', 'd', 'n', 'σ*', 'interval low', 'interval high', 'probes', 'runs', 'stopped', 'replay'],
      rows,
      charts: [
        {
          title: 'Located boundary σ* against n (log–log), with the fitted power law and the slope 1/q the theorem predicts',
          spec: boundaryScalingChart(scalingPoints, lines),
        },
      ],
    };

    const edge = (byQ.get(MAP_Q) ?? []).find((b) => b.n === plan.figureN);
    const flagship: ExperimentReport = {
      id: 'zhang2025/stable-ranks-across-the-boundary',
      title: `Filter and data stable rank against σp√d at n = ${plan.figureN}, with the located boundary`,
      description:
        `From the map's runs at n = ${plan.figureN} (q = ${MAP_Q}, d = ${MAP_DIM}, K = ${PHASE_K}): the median and interquartile band over the seeds of sr(W_T) and sr(X). ` +
        `The data's stable rank rises with the noise throughout; the filters' stays near the clean rank 2K = ${2 * PHASE_K} (dashed) below the located boundary` +
        (edge?.estimate != null && edge.interval
          ? ` σ* = ${f2(edge.estimate)} ${interval(edge.interval, f2)} (rule and band).`
          : ' (not located in this run).'),
      columns: ['σp√d', 'runs', 'median sr(W_T)', 'median sr(X)', 'side of the boundary'],
      rows: plan.mapNoise.map((noise) => {
        const at = figureRanks.filter((r) => r.noise === noise);
        const side = !edge?.interval
          ? 'not located'
          : noise < edge.interval[0]
            ? 'below'
            : noise > edge.interval[1]
              ? 'above'
              : 'inside the interval';
        return [
          noise,
          at.length,
          at.length ? Number(median(at.map((r) => r.filterStableRank)).toFixed(3)) : null,
          at.length ? Number(median(at.map((r) => r.dataStableRank)).toFixed(3)) : null,
          side,
        ];
      }),
      charts: [
        {
          title: `sr(W_T) and sr(X) against σp√d (n = ${plan.figureN})`,
          spec: stableRankAcrossBoundaryChart(
            figureRanks,
            edge?.estimate != null && edge.interval ? { estimate: edge.estimate, interval: edge.interval } : null,
            2 * PHASE_K,
          ),
        },
      ],
      headline: {
        caption: `The paper's picture, from the phase diagram's runs: the data's stable rank explodes with the noise while the filters' stays near 2K = ${2 * PHASE_K} until the located boundary.`,
        order: 2,
      },
    };
    return { maps, experiments: [flagship, boundaryReport] };
  },
  /**
   * The study must have found both phases and located the edge: low-noise cells hold and
   * high-noise cells fail at every n, σ*(n) is bracketed at every n for q = 4 and does not fall as
   * n grows (more samples never favour the noise), sr(X) rises with the noise, and below the
   * boundary sr(W_T) stays in P1-C5's band [0.35·2K, 1.05·2K].
   */
  check(output) {
    const map = output.maps?.[0];
    if (!map) throw new Error('phase diagram: no map');
    const ns = [...new Set(map.cells.map((c) => Number(c.y)))];
    for (const n of ns) {
      const row = map.cells.filter((c) => Number(c.y) === n).sort((a, b) => Number(a.x) - Number(b.x));
      const [first, last] = [row[0], row[row.length - 1]];
      if (!(first.interval && first.interval[0] >= 0.5))
        throw new Error(
          `phase diagram: at n = ${n} the lowest noise ${first.x} is not in the signal-learning phase (${first.passes}/${first.runs})`,
        );
      if (!(last.interval && last.interval[1] < 0.5))
        throw new Error(
          `phase diagram: at n = ${n} the highest noise ${last.x} is not in the memorisation phase (${last.passes}/${last.runs})`,
        );
    }
    const table = output.experiments?.find((e) => e.id === 'zhang2025/noise-boundary');
    const q4 = (table?.rows ?? []).filter((r) => r[0] === MAP_Q && r[1] === MAP_DIM);
    if (!q4.length || q4.some((r) => r[3] === null))
      throw new Error(`phase diagram: σ* not located at every n for q = ${MAP_Q}: ${JSON.stringify(q4.map((r) => r.slice(0, 9)))}`);
    for (let i = 1; i < q4.length; i++) {
      // Compared by intervals: σ*(2n) may not lie entirely below σ*(n).
      if (Number(q4[i][5]) < Number(q4[i - 1][4]))
        throw new Error(
          `phase diagram: σ* fell from n = ${q4[i - 1][2]} to n = ${q4[i][2]} (${JSON.stringify(q4.map((r) => r.slice(0, 6)))})`,
        );
    }
    const flagship = output.experiments?.find((e) => e.id === 'zhang2025/stable-ranks-across-the-boundary');
    const dataRanks = (flagship?.rows ?? []).map((r) => r[3]).filter((v): v is number => typeof v === 'number');
    if (dataRanks.length < 2 || !(dataRanks[dataRanks.length - 1] > dataRanks[0]))
      throw new Error(`phase diagram: sr(X) does not rise with the noise (${dataRanks.join(', ')})`);
    // Below the boundary the filters' stable rank stays in P1-C5's band around 2K: [0.35·2K, 1.05·2K].
    const below = (flagship?.rows ?? []).filter((r) => r[4] === 'below' && typeof r[2] === 'number');
    if (!below.length) throw new Error('phase diagram: no noise level of the flagship figure lies below the located boundary');
    for (const r of below) {
      const sr = r[2] as number;
      if (sr < 0.35 * 2 * PHASE_K || sr > 1.05 * 2 * PHASE_K)
        throw new Error(
          `phase diagram: below the boundary (σp√d = ${r[0]}) the median sr(W_T) = ${sr} leaves the band [${0.35 * 2 * PHASE_K}, ${1.05 * 2 * PHASE_K}] around 2K`,
        );
    }
  },
};
