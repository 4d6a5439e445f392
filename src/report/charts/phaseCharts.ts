const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One run's stable ranks at one noise level. */
export interface StableRankPoint {
  readonly noise: number;
  readonly filterStableRank: number;
  readonly dataStableRank: number;
}

/** A located edge on a noise axis: the estimate and its interval. */
export interface LocatedEdge {
  readonly estimate: number;
  readonly interval: [number, number];
}

/**
 * The flagship figure of the phase diagram: sr(W_T) and sr(X) against σp√d at one n, medians
 * with their interquartile band over the seeds, the clean rank 2K as a dashed line and the
 * located boundary (estimate and interval) as a rule over a shaded band.
 */
export function stableRankAcrossBoundaryChart(
  points: readonly StableRankPoint[],
  edge: LocatedEdge | null,
  twoK: number,
): Record<string, unknown> {
  const values = points
    .flatMap((p) => [
      { noise: p.noise, series: 'filters sr(W_T)', value: p.filterStableRank },
      { noise: p.noise, series: 'data sr(X)', value: p.dataStableRank },
    ])
    .filter((v) => Number.isFinite(v.value));
  const x = { field: 'noise', type: 'quantitative', title: 'background noise σp√d', scale: { zero: false } };
  const y = { field: 'value', type: 'quantitative', title: 'stable rank', scale: { type: 'log' } };
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'top' } };
  const layer: Record<string, unknown>[] = [];
  if (edge) {
    layer.push(
      {
        data: { values: [{ lo: edge.interval[0], hi: edge.interval[1] }] },
        mark: { type: 'rect', color: '#999', opacity: 0.25 },
        encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
      },
      {
        data: { values: [{ at: edge.estimate, label: `located boundary σ* = ${edge.estimate.toFixed(2)}` }] },
        mark: { type: 'rule', color: '#333', strokeWidth: 2 },
        encoding: { x: { field: 'at', type: 'quantitative' }, tooltip: { field: 'label' } },
      },
    );
  }
  layer.push(
    {
      data: { values: [{ y: twoK, label: `2K = ${twoK}` }] },
      mark: { type: 'rule', strokeDash: [6, 4], color: '#555' },
      encoding: { y: { field: 'y', type: 'quantitative' }, tooltip: { field: 'label' } },
    },
    { data: { values }, mark: { type: 'errorband', extent: 'iqr', opacity: 0.3 }, encoding: { x, y, color } },
    { data: { values }, mark: { type: 'line', point: true }, encoding: { x, y: { ...y, aggregate: 'median' }, color } },
  );
  return { $schema: SCHEMA, width: 420, height: 280, layer };
}

/** One located boundary for the scaling chart. */
export interface BoundaryPoint {
  readonly n: number;
  readonly series: string;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/**
 * log σ* against log n: the located boundaries with their intervals, per series (q, d), the
 * fitted power law of each and the theorem's slope 1/q through the same middle point, dashed.
 */
export function boundaryScalingChart(
  points: readonly BoundaryPoint[],
  lines: readonly { series: string; kind: 'fitted' | 'slope 1/q'; points: { n: number; sigma: number }[] }[],
): Record<string, unknown> {
  const ns = points.map((p) => p.n);
  const sigmas = points.flatMap((p) => [p.low, p.high]).concat(lines.flatMap((l) => l.points.map((p) => p.sigma)));
  // Log axes hug the data (Vega-Lite would otherwise pad them to whole decades).
  const span = (values: number[], pad: number) => (values.length ? [Math.min(...values) / pad, Math.max(...values) * pad] : undefined);
  const x = { field: 'n', type: 'quantitative', title: 'training samples n', scale: { type: 'log', domain: span(ns, 1.2), nice: false } };
  const yScale = { type: 'log', domain: span(sigmas, 1.05), nice: false };
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'top' } };
  return {
    $schema: SCHEMA,
    width: 420,
    height: 280,
    layer: [
      {
        data: { values: points },
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'low', type: 'quantitative', scale: yScale, title: 'located boundary σ* (σp√d)' },
          y2: { field: 'high' },
          color,
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true },
        encoding: { x, y: { field: 'estimate', type: 'quantitative' }, color },
      },
      {
        data: {
          values: lines.flatMap((l) =>
            l.points.map((p, order) => ({ ...p, series: l.series, kind: l.kind, line: `${l.series}: ${l.kind}`, order })),
          ),
        },
        mark: { type: 'line' },
        encoding: {
          x,
          y: { field: 'sigma', type: 'quantitative' },
          color,
          detail: { field: 'line' },
          order: { field: 'order' },
          strokeDash: { field: 'kind', type: 'nominal', title: null, legend: { orient: 'bottom' } },
        },
      },
    ],
  };
}
