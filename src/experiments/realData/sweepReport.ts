import type { ExperimentReport } from '../../report/reportModel.ts';
import { hypotNorm } from '../../linalg/matrix.ts';
import { REAL_DATA_SCALING } from './pipeline.ts';
import type { SweepResult } from './sweep.ts';

/** How a dataset's patches are shown: MNIST 28×28 gray, CIFAR-10 32×32 (channel mean). */
export interface ImageShape {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

export const SWEEP_COLUMNS = [
  'σp',
  'σp·√d',
  'sr(X)',
  'sr(X)/sr(X clean)',
  'sr(W)',
  'sr(W init)',
  '2K',
  'clean-subspace energy of W',
  'train loss',
  'test error',
  'status',
  'steps',
];

const round = (v: number | null, digits = 4): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(digits)));

export function sweepRows(result: SweepResult): (number | string | null)[][] {
  const clean = result.levels.find((l) => l.noise === 0)?.dataStableRank ?? result.levels[0]?.dataStableRank ?? Number.NaN;
  return result.levels.map((l) => [
    l.noise,
    round(l.noiseToSignal),
    round(l.dataStableRank),
    round(l.dataStableRank / clean),
    round(l.filterStableRank),
    round(l.initialFilterStableRank),
    result.clean.model.intendedRank,
    round(l.cleanSubspaceFraction),
    round(l.trainLoss),
    round(l.testError),
    l.status,
    l.steps,
  ]);
}

/** Grayscale pixels of one filter (channel mean for colour patches). */
function filterPixels(weights: Float64Array, row: number, dim: number, shape: ImageShape): number[] {
  const plane = shape.width * shape.height;
  const pixels = new Array<number>(plane).fill(0);
  for (let c = 0; c < shape.channels; c++) for (let k = 0; k < plane; k++) pixels[k] += weights[row * dim + c * plane + k] / shape.channels;
  return pixels.map((v) => Number(v.toPrecision(4)));
}

/** The largest filters of each class at a few noise levels: what a reader wants to look at. */
function filterImages(result: SweepResult, shape: ImageShape, perClass: number): NonNullable<ExperimentReport['images']> {
  const m = result.config.filtersPerClass;
  const dim = result.clean.train.cols;
  const levels = result.levels.filter((l) => l.status !== 'diverged');
  const shown = levels.length <= 3 ? levels : [levels[0], levels[Math.floor(levels.length / 2)], levels[levels.length - 1]];
  const images: NonNullable<ExperimentReport['images']> = [];
  for (const level of shown) {
    for (const [c, sign] of [
      [0, '+1'],
      [1, '−1'],
    ] as const) {
      const rows = Array.from({ length: m }, (_, r) => c * m + r);
      const norm = (j: number) => hypotNorm(level.weights.subarray(j * dim, (j + 1) * dim));
      const ranked = rows
        .map((j) => ({ j, n: norm(j) }))
        .sort((a, b) => b.n - a.n)
        .slice(0, perClass);
      for (const { j, n } of ranked) {
        images.push({
          label: `σp = ${level.noise}: class ${sign} filter ${j - c * m + 1} (‖w‖ = ${n.toPrecision(3)})`,
          width: shape.width,
          height: shape.height,
          pixels: filterPixels(level.weights, j, dim, shape),
        });
      }
    }
  }
  // Two clean (rank-2K) training images per class, to compare the filters against.
  for (const [label, name] of [
    [1, '+1'],
    [-1, '−1'],
  ] as const) {
    const picks: number[] = [];
    result.clean.task.train.labels.forEach((y, i) => {
      if (y === label && picks.length < 2) picks.push(i);
    });
    for (const i of picks)
      images.push({
        label: `clean image, class ${name} (PCA reconstruction)`,
        width: shape.width,
        height: shape.height,
        pixels: filterPixels(result.clean.train.data, i, dim, shape),
      });
  }
  return images;
}

function rankChart(result: SweepResult, title: string): Record<string, unknown> {
  const values = result.levels
    .flatMap((l) => [
      { noiseToSignal: round(l.noiseToSignal), measure: 'data stable rank sr(X)', value: round(l.dataStableRank) },
      { noiseToSignal: round(l.noiseToSignal), measure: 'filter stable rank sr(W)', value: round(l.filterStableRank) },
    ])
    .filter((v) => v.value !== null);
  const twoK = result.clean.model.intendedRank;
  const xs = result.levels.map((l) => round(l.noiseToSignal));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 420,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'noiseToSignal', type: 'quantitative', title: 'σp·√d (noise patch norm / mean clean image norm)' },
          y: { field: 'value', type: 'quantitative', title: 'stable rank', scale: { type: 'log' } },
          color: { field: 'measure', type: 'nominal', title: null, legend: { orient: 'bottom' } },
        },
      },
      {
        data: {
          values: [
            {
              x0: Math.min(...(xs as number[])),
              x1: Math.max(...(xs as number[])),
              y: twoK,
              label: `clean rank ${result.clean.model.mode === 'classwise' ? '2K' : 'K'} = ${twoK}`,
            },
          ],
        },
        layer: [
          {
            mark: { type: 'rule', strokeDash: [6, 4], color: 'gray' },
            encoding: { x: { field: 'x0', type: 'quantitative' }, x2: { field: 'x1' }, y: { field: 'y', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'left', dy: -6, color: 'gray' },
            encoding: { x: { field: 'x0', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}

function alignmentChart(result: SweepResult, title: string): Record<string, unknown> {
  const values = result.levels
    .flatMap((l) => [
      { noiseToSignal: round(l.noiseToSignal), measure: 'filter energy in the clean subspace', value: round(l.cleanSubspaceFraction) },
      { noiseToSignal: round(l.noiseToSignal), measure: 'test error', value: round(l.testError) },
      { noiseToSignal: round(l.noiseToSignal), measure: 'chance level of the energy (rank/d)', value: round(l.chanceFraction) },
    ])
    .filter((v) => v.value !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 420,
    height: 220,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'noiseToSignal', type: 'quantitative', title: 'σp·√d' },
      y: { field: 'value', type: 'quantitative', title: 'fraction', scale: { domain: [0, 1] } },
      color: { field: 'measure', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
  };
}

export function sweepReport(
  result: SweepResult,
  meta: { id: string; title: string; dataset: string; shape: ImageShape },
): ExperimentReport {
  const { config, clean } = result;
  const [a, b] = clean.task.classes;
  const skipped = result.skipped.length ? ` Skipped for lack of time: σp = ${result.skipped.join(', ')}.` : '';
  const description =
    `${meta.dataset}, ${a} (label +1) vs ${b} (label −1): ${clean.task.train.images.rows} training and ${clean.task.test.images.rows} test images; ${clean.task.pixelScaling}. ` +
    `Clean images: ${config.pca === 'classwise' ? `class-wise PCA, K = ${config.K} per class` : `global PCA, K = ${config.K}`} (uncentred, fitted on the training images), measured clean rank ${clean.rank.rank} (intended ${clean.model.intendedRank}, residual ${clean.rank.residual.toExponential(1)}); ${REAL_DATA_SCALING}. ` +
    `Noise padding: P = ${config.patches} patches of d = ${clean.train.cols} (filter size = stride = d), ${config.noiseCovariance === 'orthogonal' ? 'noise orthogonal to the clean span' : 'i.i.d. N(0, σp²) pixels'}. ` +
    `CNN: m = ${config.filtersPerClass} filters per class, Huberized ReLU q = ${config.q}, κ = ${config.kappa}, σ0 = ${config.initScale}; full-batch GD, η = ${config.learningRate}, ${config.iterations} steps, the same initial filters at every σp; backend ${result.backend} (${result.device}).` +
    skipped;
  return {
    id: meta.id,
    title: meta.title,
    description,
    columns: SWEEP_COLUMNS,
    rows: sweepRows(result),
    charts: [
      { title: 'Data and filter stable rank against the noise level', spec: rankChart(result, `${meta.dataset}: stable ranks vs σp`) },
      {
        title: 'Alignment with the clean principal subspace, and test error',
        spec: alignmentChart(result, `${meta.dataset}: clean-subspace energy and test error`),
      },
    ],
    images: filterImages(result, meta.shape, 2),
  };
}

/** The table as text, for the terminal. */
export function formatSweepTable(report: ExperimentReport): string {
  const cells = [report.columns, ...report.rows.map((r) => r.map((v) => (v === null ? '—' : String(v))))];
  const widths = report.columns.map((_, c) => Math.max(...cells.map((r) => String(r[c]).length)));
  return cells.map((r) => r.map((v, c) => String(v).padStart(widths[c])).join('  ')).join('\n');
}
