import type { ClaimResult, RunRecord } from '../../src/claims/result.ts';
import { wilsonInterval } from '../../src/claims/statistics.ts';
import { createRng, type Rng } from '../../src/random/rng.ts';
import type { RunProvenance } from '../../src/report/provenance.ts';
import type { ExperimentReport, RegimeMap, RegimeMapCell, ResultsFile } from '../../src/report/reportModel.ts';

/** Markup that must come out as text wherever it lands. */
export const INJECTION = `<script>window.__pwned = 1</script>"'&amp;<img src=x onerror="window.__pwned=2">`;

const PAPER = {
  id: 'zhang2025',
  arxiv: '2504.08628',
  title: 'Gradient Descent Robustly Learns the Intrinsic Dimension of Data in Training Convolutional Neural Networks',
  authors: 'Chenyang Zhang, Peifeng Gao, Difan Zou, Yuan Cao',
  order: 1,
  headlines: [
    {
      claim: 'zhang2025/filter-rank-robust',
      regime: 'holding-domain',
      chart: 'Stable rank against noise level',
      caption: 'Headline: stable ranks against noise',
      order: 2,
    },
  ],
};

/** A run of the zhang2025 model, with the measurements the charts pick by name. */
function zhang2025Run(rng: Rng, noise: number, intrinsic: number, filters: number, seed: number, failAbove: number): RunRecord {
  const filterStableRank = intrinsic * (1 + 0.04 * rng.gaussian()) + (noise > failAbove ? noise * 1.5 : 0);
  const dataStableRank = intrinsic + noise * noise * 6 + 0.3 * rng.gaussian();
  const cosines = Array.from({ length: filters }, (_, r) =>
    Array.from({ length: intrinsic }, (_, k) => Math.max(-1, Math.min(1, (r % intrinsic === k ? 0.9 : 0) + 0.1 * rng.gaussian()))),
  );
  const lossCurve = Array.from({ length: 300 }, (_, t) => 0.69 * Math.exp(-t / (40 + 30 * noise)) + 1e-3 * (1 + noise));
  const pass = filterStableRank <= intrinsic * 1.5;
  return {
    params: { noise, K: intrinsic, m: filters, seed },
    outcome: pass ? 'pass' : 'fail',
    margin: intrinsic * 1.5 - filterStableRank,
    measured: {
      status: 'ok',
      filterStableRank,
      dataStableRank,
      cleanDataStableRank: intrinsic + 0.3 * rng.gaussian(),
      initialFilterStableRank: filters * 0.8 + rng.gaussian(),
      cosines,
      lossCurve,
      finalLoss: lossCurve[lossCurve.length - 1],
    },
    durationMs: 40 + 10 * rng.uniform(),
    shrinking: false,
  };
}

function baseResult(overrides: Partial<ClaimResult> & Pick<ClaimResult, 'id' | 'regime' | 'samples'>): ClaimResult {
  const counted = overrides.samples.filter((s) => !s.shrinking);
  const passes = counted.filter((s) => s.outcome === 'pass').length;
  const failures = counted.filter((s) => s.outcome === 'fail').length;
  return {
    paper: PAPER,
    title: 'Filter stable rank tracks the intrinsic dimension',
    statement: 'After training, the stable rank of the filters is close to the intrinsic dimension K, whatever the background noise level.',
    provenance: { kind: 'reconstructed', source: 'research notes §5 P1-C4' },
    conditions: ['noise ≤ 1', 'm ≥ 2K filters'],
    passCondition: 'filter stable rank ≤ 1.5 K',
    kind: 'stochastic',
    regimeWhy: null,
    domain: { noise: '{0, 0.25, 0.5, 0.75, 1}', K: '{2, 3, 4}', m: '{8, 12}' },
    expected: 'holds',
    verdict: 'holds',
    asExpected: true,
    finding: null,
    runs: counted.length,
    passes,
    failures,
    diverged: 0,
    timeouts: 0,
    errors: 0,
    passRate: counted.length ? passes / counted.length : null,
    interval: counted.length ? wilsonInterval(passes, counted.length) : null,
    threshold: 0.9,
    seed: 1234,
    counterexample: null,
    durationMs: counted.reduce((sum, s) => sum + s.durationMs, 0),
    backend: 'float64',
    device: 'TypeScript float64 reference (single thread)',
    profile: 'ci',
    interrupted: false,
    ...overrides,
  };
}

function provenance(partial: boolean): RunProvenance {
  return {
    tool: 'theorycheck',
    toolVersion: '0.1.0',
    node: 'v20.0.0',
    packages: { vega: '6.0.0', 'vega-lite': '6.0.0', 'fast-check': '4.10.2' },
    backends: [
      { name: 'float64', device: 'TypeScript float64 reference' },
      { name: 'gpujs', device: 'cpu', fallbackReason: 'no WebGL context in Node; gpu.js fell back to its CPU mode' },
    ],
    profile: 'ci',
    seed: 42,
    machine: { platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'Test CPU', memoryGiB: 8, hostname: 'fixture-host' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 60_000,
    partial,
    command: 'theorycheck verify --profile ci',
  };
}

export interface FixtureOptions {
  readonly seed?: number;
  readonly partial?: boolean;
  /** Include the claim whose every string is hostile markup. */
  readonly injection?: boolean;
  /** Multiply the number of runs (for a large report). */
  readonly scale?: number;
}

/**
 * A results file like a real zhang2025 run: a stochastic claim that holds over its domain, fails
 * (as expected) at high noise with a counterexample, an example, a deterministic claim, a
 * regime map with its stated condition, and an experiment with a table, a chart and images.
 */
export function fixtureResults(options: FixtureOptions = {}): ResultsFile {
  const rng = createRng(options.seed ?? 7);
  const scale = options.scale ?? 1;
  const holding: RunRecord[] = [];
  for (let i = 0; i < 40 * scale; i++)
    holding.push(zhang2025Run(rng.fork(`h${i}`), [0, 0.25, 0.5, 0.75, 1][i % 5], 2 + (i % 3), i % 2 ? 8 : 12, 1000 + i, 10));
  const failing: RunRecord[] = [];
  for (let i = 0; i < 12 * scale; i++) failing.push(zhang2025Run(rng.fork(`f${i}`), [1.5, 2, 3][i % 3], 3, 8, 2000 + i, 1.2));
  const shrinkRun = { ...zhang2025Run(rng.fork('shrink'), 1.5, 3, 8, 2999, 1.2), shrinking: true };
  const ce = failing.find((s) => s.outcome === 'fail')!;
  const claims: ClaimResult[] = [
    baseResult({ id: 'zhang2025/filter-rank-robust', regime: 'holding-domain', samples: holding }),
    baseResult({
      id: 'zhang2025/filter-rank-robust',
      regime: 'large-noise',
      regimeWhy: 'above noise ≈ 1 the background noise dominates the signal and the filters memorize it',
      domain: { noise: '{1.5, 2, 3}', K: '{3}', m: '{8}' },
      expected: 'fails',
      verdict: 'fails',
      samples: [...failing, shrinkRun],
      counterexample: {
        params: ce.params,
        measured: ce.measured,
        detail: 'filter stable rank 7.1 > 4.5',
        replay: `npx theorycheck reproduce zhang2025/filter-rank-robust --params '${JSON.stringify(ce.params)}' --backend float64`,
        fastCheck: { seed: -12345, path: '3:1:0' },
        shrinks: 2,
      },
    }),
    baseResult({
      id: 'zhang2025/filter-rank-robust',
      regime: 'tiny-width',
      regimeWhy: 'with fewer filters than K the filters cannot span the signal directions',
      expected: 'probe',
      verdict: 'inconclusive',
      finding: 'expected failure not observed',
      samples: holding.slice(0, 6),
    }),
    baseResult({
      id: 'zhang2025/stable-rank-algebra',
      regime: 'holding-domain',
      title: 'Stable rank is a scale- and rotation-invariant rank surrogate',
      statement: 'sr(A) = ‖A‖F²/‖A‖2² satisfies 1 ≤ sr(A) ≤ rank(A).',
      provenance: { kind: 'derived', source: 'elementary algebra' },
      kind: 'deterministic',
      threshold: 1,
      domain: { rows: '{2, …, 40}', structure: '{gaussian, low-rank}' },
      samples: Array.from({ length: 20 }, (_, i) => ({
        params: { rows: 2 + i, structure: i % 2 ? 'gaussian' : 'low-rank', seed: i },
        outcome: 'pass' as const,
        margin: 1e-9 * (1 + (i % 3)),
        measured: { stableRank: 1 + i / 10 },
        durationMs: 1,
        shrinking: false,
      })),
    }),
  ];
  if (options.injection) {
    claims.push(
      baseResult({
        id: `evil/${INJECTION}`,
        regime: `regime ${INJECTION}`,
        title: `title ${INJECTION}`,
        statement: `statement ${INJECTION}`,
        provenance: { kind: 'quoted', source: `source ${INJECTION}` },
        conditions: [`condition ${INJECTION}`],
        passCondition: `pass ${INJECTION}`,
        kind: 'deterministic',
        expected: 'holds',
        verdict: 'fails',
        asExpected: false,
        finding: `finding ${INJECTION}`,
        domain: { [`param ${INJECTION}`]: `grid ${INJECTION}` },
        samples: [0.5, 1].map((noise) => ({
          params: { label: INJECTION, noise, seed: 9 },
          outcome: 'fail' as const,
          margin: -noise,
          measured: { note: INJECTION, filterStableRank: 2, [`${INJECTION}StableRank`]: 3 },
          durationMs: 1,
          shrinking: false,
        })),
        counterexample: {
          params: { label: INJECTION, noise: 0.5, seed: 9 },
          measured: { note: INJECTION },
          detail: `detail ${INJECTION}`,
          replay: `npx theorycheck reproduce evil --params '${JSON.stringify({ label: INJECTION })}'`,
          fastCheck: { seed: 1, path: INJECTION },
          shrinks: 0,
        },
      }),
    );
  }
  const map: RegimeMap = {
    claimId: 'zhang2025/filter-rank-robust',
    title: 'Pass rate over noise level and intrinsic dimension',
    x: 'noise',
    y: 'K',
    rest: { m: '12 filters', seeds: '4 per cell' },
    cells: [0, 0.5, 1, 1.5, 2, 3]
      .flatMap((x) =>
        [2, 3, 4, 6].map((y): RegimeMapCell => {
          const passRate = Math.max(0, Math.min(1, 1.6 - x / (0.25 * y + 0.5)));
          return {
            x,
            y,
            runs: 4,
            passes: Math.round(passRate * 4),
            passRate: Math.round(passRate * 4) / 4,
            interval: wilsonInterval(Math.round(passRate * 4), 4),
            refined: false,
          };
        }),
      )
      .concat([
        { x: 1.25, y: 3, runs: 4, passes: 2, passRate: 0.5, interval: wilsonInterval(2, 4), refined: true },
        { x: 0.25, y: 6, runs: 0, passes: 0, passRate: null, interval: null, refined: false },
      ]),
    conditions: [{ label: 'noise = 0.25 K + 0.5 (stated condition)', points: [2, 3, 4, 6].map((y) => ({ x: 0.25 * y + 0.5, y })) }],
    sensitivity: [{ params: { noise: 3, K: 2 }, free: ['m'], essential: ['noise'] }],
    durationMs: 12_000,
    headline: { caption: 'Headline: where the claim holds over noise × K', order: 1 },
  };
  const experiment: ExperimentReport = {
    id: 'zhang2025/mnist-noise-sweep',
    title: 'MNIST with background noise: stable ranks against noise level',
    description: 'The paper’s figure: data stable rank grows with noise while the learned filters stay low rank.',
    columns: ['noise', 'data stable rank', 'filter stable rank'],
    rows: [
      [0, 5.2, 3.1],
      [0.5, 11.8, 3.3],
      [1, 27.5, 3.9],
      [2, null, 'diverged'],
    ],
    charts: [
      {
        title: 'Stable ranks on MNIST',
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          width: 360,
          height: 220,
          data: {
            values: [0, 0.5, 1].flatMap((noise, i) => [
              { noise, quantity: 'data', value: [5.2, 11.8, 27.5][i] },
              { noise, quantity: 'filter', value: [3.1, 3.3, 3.9][i] },
            ]),
          },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'noise', type: 'quantitative' },
            y: { field: 'value', type: 'quantitative' },
            color: { field: 'quantity', type: 'nominal' },
          },
        },
      },
    ],
    headline: { caption: 'Headline: MNIST stable ranks' },
    images: Array.from({ length: 3 }, (_, f) => ({
      label: `filter ${f + 1}`,
      width: 28,
      height: 28,
      pixels: Array.from({ length: 784 }, (_, p) => Math.sin((p % 28) / (3 + f)) * Math.cos(Math.floor(p / 28) / 4)),
    })),
  };
  const experiments = [experiment];
  if (options.injection) {
    experiments.push({
      ...experiment,
      id: `evil ${INJECTION}`,
      title: `experiment ${INJECTION}`,
      description: `description ${INJECTION}`,
      columns: [INJECTION],
      rows: [[INJECTION]],
      charts: [
        {
          title: `chart ${INJECTION}`,
          spec: {
            title: INJECTION,
            data: { values: [{ category: INJECTION, value: 1 }] },
            mark: 'bar',
            encoding: { x: { field: 'category', type: 'nominal', title: INJECTION }, y: { field: 'value', type: 'quantitative' } },
          },
        },
      ],
      images: [{ label: INJECTION, width: 2, height: 2, pixels: [0, 1, 2, 3] }],
    });
  }
  return {
    claims,
    provenance: provenance(options.partial ?? false),
    maps: [
      map,
      {
        ...map,
        headline: undefined,
        claimId: 'zhang2025/not-a-checked-claim',
        title: 'Categorical map: activation × width',
        x: 'activation',
        y: 'width',
        cells: ['relu', 'huber', 'relu^3'].flatMap((x) =>
          ['narrow', 'wide'].map((y, j) => ({
            x,
            y,
            runs: 3,
            passes: j + 1,
            passRate: (j + 1) / 3,
            interval: wilsonInterval(j + 1, 3),
            refined: false,
          })),
        ),
        conditions: [],
        sensitivity: [],
      },
    ],
    experiments,
    corpus: [
      {
        claimId: 'zhang2025/filter-rank-robust',
        file: `fixtures/corpus/${options.injection ? INJECTION : 'ce-1'}.json`,
        stillFails: true,
        params: { noise: 3, K: 2 },
      },
      {
        claimId: 'zhang2025/filter-rank-robust',
        file: 'fixtures/corpus/ce-2.json',
        stillFails: false,
        params: { noise: 1.5, K: 4 },
        detail: 'passes now',
      },
    ],
  };
}

/**
 * The summary counts recomputed from results.json by the tests themselves, not by the report's
 * own summaryCounts, so a miscount in the renderer cannot hide behind the same code.
 */
export function countedIndependently(claims: ResultsFile['claims']) {
  return {
    claims: new Set(claims.map((c) => c.id)).size,
    results: claims.length,
    holds: claims.filter((c) => c.verdict === 'holds').length,
    fails: claims.filter((c) => c.verdict === 'fails').length,
    inconclusive: claims.filter((c) => c.verdict === 'inconclusive').length,
    asExpected: claims.filter((c) => c.asExpected).length,
    unexpected: claims.filter((c) => !c.asExpected).length,
    runs: claims.reduce((s, c) => s + c.runs, 0),
  };
}
