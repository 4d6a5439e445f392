import type { ClaimResult, RunRecord } from '../../claims/result.ts';
import type { MeasuredValue } from '../../claims/claim.ts';
import { formatParams } from '../html/format.ts';
import type { ChartSpec } from './renderChart.ts';

/**
 * Charts are chosen by the names and shapes of what claims measure, so a new claim gets charts
 * without touching the report:
 * - measured `…StableRank` numbers with a `noise` parameter → stable ranks against noise level
 *   (`clean…StableRank` is the same quantity measured at noise 0);
 * - any number[][] (e.g. `cosines`, filters × basis vectors) → a heatmap of the counterexample,
 *   or of a passing run when there is none;
 * - any number[] named …Curve/…History or of length ≥ 10 (e.g. `lossCurve`) → curves over their
 *   index, one line per run;
 * - every regime with runs → the pass margin of each run.
 */
export function claimCharts(result: ClaimResult): ChartSpec[] {
  const samples = result.samples.filter((s) => !s.shrinking && s.measured);
  const charts: ChartSpec[] = [];
  const stable = stableRankChart(samples);
  if (stable) charts.push(stable);
  const counterexample = result.counterexample?.measured
    ? { params: result.counterexample.params, measured: result.counterexample.measured }
    : null;
  for (const field of fieldsOfShape(samples, isMatrix)) charts.push(...matrixCharts(field, samples, counterexample));
  for (const field of fieldsOfShape(samples, isVector).filter((f) => samples.some((s) => isCurve(f, s.measured?.[f]))))
    charts.push(curveChart(field, samples));
  const margin = marginChart(samples);
  if (margin) charts.push(margin);
  return charts;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Parameters that mean "noise level", in the order they are preferred as the x axis. */
const NOISE_PARAMETERS = ['noise', 'noiseLevel', 'sigma', 'sigmaNoise'];
/** Axis names for matrices whose meaning is known; others read row/column. */
const MATRIX_AXES: Record<string, [string, string]> = {
  cosines: ['filter', 'basis vector'],
  alignment: ['filter', 'basis vector'],
};
const MAX_MATRIX_SIDE = 64;
// Display sizes: the report shows a sample of curves, down-sampled; results.json keeps every point.
const MAX_CURVES = 6;
const MAX_CURVE_POINTS = 60;
const MIN_CURVE_LENGTH = 10;
const MAX_MARGIN_POINTS = 60;
const OUTCOME_COLORS = {
  domain: ['pass', 'fail', 'diverged', 'timeout', 'error'],
  range: ['#2a9d4a', '#d1342f', '#e08a1e', '#8a8a8a', '#7b3fa0'],
};

type Sample = Pick<RunRecord, 'params' | 'measured' | 'outcome' | 'margin'>;

function isMatrix(value: MeasuredValue | undefined): value is number[][] {
  return Array.isArray(value) && value.length > 0 && Array.isArray(value[0]);
}

function isVector(value: MeasuredValue | undefined): value is number[] {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number';
}

/** A number[] worth a chart: named as a curve, or long enough to be one (not a 2-entry tally). */
function isCurve(field: string, value: MeasuredValue | undefined): boolean {
  return isVector(value) && (/(Curve|History|Trajectory|Path)$/.test(field) || value.length >= MIN_CURVE_LENGTH);
}

function fieldsOfShape(samples: readonly Sample[], shape: (value: MeasuredValue | undefined) => boolean): string[] {
  const fields = new Set<string>();
  for (const s of samples) for (const [key, value] of Object.entries(s.measured ?? {})) if (shape(value)) fields.add(key);
  return [...fields];
}

/** `filterStableRank` → `filter stable rank` */
export function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function noiseParameter(samples: readonly Sample[]): string | null {
  return NOISE_PARAMETERS.find((name) => samples.some((s) => typeof s.params[name] === 'number')) ?? null;
}

function stableRankChart(samples: readonly Sample[]): ChartSpec | null {
  const x = noiseParameter(samples);
  if (!x) return null;
  const quantities = [
    ...new Set(
      samples.flatMap((s) => Object.keys(s.measured ?? {}).filter((k) => /StableRank$/.test(k) && typeof s.measured?.[k] === 'number')),
    ),
  ];
  if (!quantities.length) return null;
  // `cleanFilterStableRank` is the filter stable rank of the same run at noise 0: same series, x = 0.
  const pointsOf = (runs: readonly Sample[]) =>
    runs.flatMap((s) =>
      quantities
        .filter((q) => typeof s.measured?.[q] === 'number' && Number.isFinite(s.measured[q] as number) && typeof s.params[x] === 'number')
        .map((q) => {
          const clean = /^clean[A-Z]/.test(q);
          const series = clean ? q[5].toLowerCase() + q.slice(6) : q;
          return {
            [x]: clean ? 0 : (s.params[x] as number),
            quantity: words(series),
            value: s.measured?.[q] as number,
            outcome: s.outcome,
            seed: s.params.seed,
          };
        }),
    );
  const values = pointsOf(samples);
  // A chart against the noise level needs two levels; one run's stable ranks are in its tables.
  if (new Set(values.map((v) => v[x])).size < 2) return null;
  // The means join every run; the dots show every run that did not pass and a spread of the passes (results.json keeps them all).
  const shown = thinPasses(samples);
  const encoding = {
    x: { field: x, type: 'quantitative', title: `${words(x)} level`, scale: { zero: false }, axis: { format: '~g' } },
    y: { field: 'value', type: 'quantitative', title: 'stable rank' },
    color: { field: 'quantity', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2 } },
  };
  const dots =
    shown.length < samples.length
      ? `${shown.length} of ${samples.length} runs shown, every one that did not pass among them`
      : `${samples.length} run${samples.length === 1 ? '' : 's'}`;
  return {
    title: `Stable rank against ${words(x)} level`,
    caption: `each dot is one run; lines join the mean of all runs at each ${words(x)} level (${dots})`,
    spec: {
      $schema: SCHEMA,
      width: 420,
      height: 260,
      data: { values },
      encoding,
      layer: [
        {
          ...(shown.length < samples.length ? { data: { values: pointsOf(shown) } } : {}),
          mark: { type: 'point', filled: true, opacity: 0.45, size: 30 },
        },
        {
          mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: { y: { aggregate: 'mean', field: 'value', type: 'quantitative', title: 'stable rank' } },
        },
      ],
    },
  };
}

function representativeRuns(field: string, samples: readonly Sample[], counterexample: Pick<Sample, 'params' | 'measured'> | null) {
  const picks: { label: string; params: Sample['params']; matrix: number[][] }[] = [];
  if (counterexample && isMatrix(counterexample.measured?.[field]))
    picks.push({ label: 'counterexample', params: counterexample.params, matrix: counterexample.measured[field] as number[][] });
  const passing = samples.filter((s) => s.outcome === 'pass' && isMatrix(s.measured?.[field]));
  const other = samples.filter((s) => isMatrix(s.measured?.[field]));
  const pick = passing[Math.floor(passing.length / 2)] ?? (picks.length ? undefined : other[0]);
  if (pick && !picks.length)
    picks.push({
      label: pick.outcome === 'pass' ? 'a passing run' : `a run (${pick.outcome})`,
      params: pick.params,
      matrix: pick.measured?.[field] as number[][],
    });
  return picks;
}

function matrixCharts(field: string, samples: readonly Sample[], counterexample: Pick<Sample, 'params' | 'measured'> | null): ChartSpec[] {
  const [rowName, columnName] = MATRIX_AXES[field] ?? ['row', 'column'];
  return representativeRuns(field, samples, counterexample).map(({ label, params, matrix }) => {
    const rows = matrix.slice(0, MAX_MATRIX_SIDE);
    const columns = Math.min(MAX_MATRIX_SIDE, Math.max(...rows.map((r) => r.length)));
    const cells = rows.flatMap((row, i) =>
      row.slice(0, columns).map((value, j) => ({ row: i + 1, column: j + 1, value: Number.isFinite(value) ? value : null })),
    );
    // One record of three arrays, flattened by Vega-Lite: a third of the size of one record per cell.
    const values = [{ [rowName]: cells.map((c) => c.row), [columnName]: cells.map((c) => c.column), value: cells.map((c) => c.value) }];
    const finite = cells.map((c) => c.value).filter((v): v is number => v !== null);
    const signed = finite.every((v) => v >= -1 && v <= 1);
    const step = Math.max(6, Math.min(26, Math.floor(420 / Math.max(columns, 1))));
    const clipped = matrix.length > rows.length || matrix.some((r) => r.length > columns);
    return {
      title: `${words(field)}: ${rowName} × ${columnName}, ${label}`,
      caption: `${formatParams(params)}${clipped ? ` (first ${MAX_MATRIX_SIDE} rows and columns shown)` : ''}`,
      spec: {
        $schema: SCHEMA,
        width: { step },
        height: { step: Math.max(6, Math.min(26, Math.floor(320 / Math.max(rows.length, 1)))) },
        data: { values },
        transform: [{ flatten: [rowName, columnName, 'value'] }],
        mark: { type: 'rect' },
        encoding: {
          x: { field: columnName, type: 'ordinal', title: columnName, axis: { labelAngle: 0, labelOverlap: true } },
          y: { field: rowName, type: 'ordinal', title: rowName, axis: { labelOverlap: true } },
          color: {
            field: 'value',
            type: 'quantitative',
            title: words(field),
            scale: signed ? { scheme: 'redblue', domain: [-1, 1], reverse: true } : { scheme: 'viridis' },
          },
        },
      },
    };
  });
}

function downsample(curve: readonly number[]): { step: number; value: number }[] {
  const stride = Math.max(1, Math.ceil(curve.length / MAX_CURVE_POINTS));
  const points: { step: number; value: number }[] = [];
  for (let i = 0; i < curve.length; i += stride) points.push({ step: i, value: curve[i] });
  if ((curve.length - 1) % stride !== 0) points.push({ step: curve.length - 1, value: curve[curve.length - 1] });
  return points.filter((p) => Number.isFinite(p.value));
}

function curveChart(field: string, samples: readonly Sample[]): ChartSpec {
  const x = noiseParameter(samples);
  const withCurve = samples.filter((s) => isVector(s.measured?.[field]));
  const ordered = x ? [...withCurve].sort((a, b) => (a.params[x] as number) - (b.params[x] as number)) : withCurve;
  const chosen =
    ordered.length <= MAX_CURVES
      ? ordered
      : Array.from({ length: MAX_CURVES }, (_, i) => ordered[Math.round((i * (ordered.length - 1)) / (MAX_CURVES - 1))]);
  // One record per curve with its points as arrays, flattened by Vega-Lite: the run's label is stored once.
  const curves = chosen.map((s, index) => {
    const points = downsample(s.measured?.[field] as number[]);
    return {
      run: `run ${index + 1}: ${formatParams(s.params)}`,
      ...(x ? { [x]: s.params[x] } : {}),
      outcome: s.outcome,
      step: points.map((p) => p.step),
      value: points.map((p) => p.value),
    };
  });
  const finite = curves.flatMap((c) => c.value);
  const positive = finite.every((v) => v > 0);
  const logScale = positive && finite.length > 0 && Math.max(...finite) / Math.min(...finite) > 100;
  return {
    title: `${words(field)} over training`,
    caption: `${chosen.length} of ${withCurve.length} run${withCurve.length === 1 ? '' : 's'}${x ? `, coloured by ${words(x)}` : ''}${logScale ? '; log scale' : ''}`,
    spec: {
      $schema: SCHEMA,
      width: 420,
      height: 240,
      data: { values: curves },
      transform: [{ flatten: ['step', 'value'] }],
      mark: { type: 'line', strokeWidth: 1.5, opacity: 0.85 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: { field: 'value', type: 'quantitative', title: words(field), scale: logScale ? { type: 'log' } : { zero: false } },
        ...(x
          ? {
              color: { field: x, type: 'quantitative', title: words(x), scale: { scheme: 'plasma' }, legend: { format: '~g' } },
              detail: { field: 'run', type: 'nominal' },
            }
          : { color: { field: 'run', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1 } } }),
      },
    },
  };
}

/** Every run that did not pass, and passing runs evenly spaced, up to MAX_MARGIN_POINTS in all. */
function thinPasses<T extends { outcome: string }>(runs: readonly T[]): T[] {
  if (runs.length <= MAX_MARGIN_POINTS) return [...runs];
  const passing = runs.filter((r) => r.outcome === 'pass');
  const room = Math.max(0, MAX_MARGIN_POINTS - (runs.length - passing.length));
  const stride = passing.length / Math.max(1, room);
  const kept = new Set(Array.from({ length: Math.min(room, passing.length) }, (_, i) => passing[Math.floor(i * stride)]));
  return runs.filter((r) => r.outcome !== 'pass' || kept.has(r));
}

function marginChart(samples: readonly Sample[]): ChartSpec | null {
  const finite = samples.filter((s) => typeof s.margin === 'number' && Number.isFinite(s.margin));
  if (finite.length < 2) return null;
  const numeric = Object.keys(finite[0].params).filter((k) => k !== 'seed' && finite.every((s) => typeof s.params[k] === 'number'));
  // The x axis is the noise level if there is one, else the numeric parameter that varies most.
  const x =
    noiseParameter(finite) ??
    numeric
      .map((k) => ({ k, n: new Set(finite.map((s) => s.params[k])).size }))
      .filter((c) => c.n > 1)
      .sort((a, b) => b.n - a.n)[0]?.k ??
    null;
  const all = finite.map((s, index) => ({
    run: index + 1,
    margin: s.margin as number,
    outcome: s.outcome,
    ...(x ? { [x]: s.params[x] } : {}),
  }));
  const values = thinPasses(all);
  return {
    title: x ? `Pass margin against ${words(x)}` : 'Pass margin of each run',
    caption: `signed distance from the pass threshold; below the line is a failing run${values.length < all.length ? ` (${values.length} of ${all.length} runs drawn: every run that did not pass, and passing runs evenly spaced)` : ''}`,
    spec: {
      $schema: SCHEMA,
      width: 420,
      height: 200,
      data: { values },
      layer: [
        {
          mark: { type: 'point', filled: true, opacity: 0.7, size: 30 },
          encoding: {
            x: x
              ? { field: x, type: 'quantitative', title: words(x), scale: { zero: false }, axis: { format: '~g' } }
              : { field: 'run', type: 'quantitative', title: 'run', axis: { format: 'd' } },
            y: { field: 'margin', type: 'quantitative', title: 'margin', axis: { format: '~g' } },
            color: { field: 'outcome', type: 'nominal', title: null, scale: OUTCOME_COLORS, legend: { orient: 'top' } },
          },
        },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
          encoding: { y: { field: 'zero', type: 'quantitative' } },
        },
      ],
    },
  };
}
