import type { RegimeMap } from '../reportModel.ts';
import type { ChartSpec } from './renderChart.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Cell edges halfway between neighbouring grid values (in log space on a log axis). */
function edges(values: readonly number[], log: boolean): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const t = (v: number) => (log ? Math.log10(v) : v);
  const inv = (v: number) => (log ? 10 ** v : v);
  const out = new Map<number, [number, number]>();
  sorted.forEach((v, i) => {
    const here = t(v);
    const below = i > 0 ? (here + t(sorted[i - 1])) / 2 : null;
    const above = i < sorted.length - 1 ? (here + t(sorted[i + 1])) / 2 : null;
    const half = below !== null ? here - below : above !== null ? above - here : log ? 0.25 : Math.abs(v) / 2 || 0.5;
    out.set(v, [inv(below ?? here - half), inv(above ?? here + half)]);
  });
  return out;
}

function wantsLog(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 50;
}

/**
 * A phase diagram: each cell coloured by the claim's pass rate there, with the claim's stated
 * conditions drawn as curves on top, so a reader sees whether the boundary between holding and
 * failing follows the theorem's condition.
 */
export function mapChart(map: RegimeMap): ChartSpec {
  const numeric = map.cells.every((c) => typeof c.x === 'number' && typeof c.y === 'number');
  const color = { field: 'passRate', type: 'quantitative', title: 'pass rate', scale: { scheme: 'redyellowgreen', domain: [0, 1] } };
  const refinedStroke = { condition: { test: 'datum.refined', value: '#222' }, value: null };
  const restText = Object.entries(map.rest)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  const conditionLabels = map.conditions.map((c) => c.label).join('; ');
  if (!numeric) {
    return {
      title: map.title,
      caption: `pass rate over ${map.x} × ${map.y}${restText ? `; ${restText}` : ''}${conditionLabels ? `; stated conditions (not drawn on categorical axes): ${conditionLabels}` : ''}`,
      spec: {
        $schema: SCHEMA,
        width: { step: 28 },
        height: { step: 22 },
        data: {
          values: map.cells.map((c) => ({ x: String(c.x), y: String(c.y), passRate: c.passRate, runs: c.runs, refined: c.refined })),
        },
        mark: { type: 'rect', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'ordinal', title: map.x, sort: null, axis: { labelAngle: 0 } },
          y: { field: 'y', type: 'ordinal', title: map.y, sort: null },
          color,
          stroke: refinedStroke,
        },
      },
    };
  }
  const xs = map.cells.map((c) => c.x as number);
  const ys = map.cells.map((c) => c.y as number);
  const logX = wantsLog(xs);
  const logY = wantsLog(ys);
  // The planned grid tiles the plane; cells added while refining are drawn on top of it,
  // sized by their distance to their neighbours, so refinement never leaves holes.
  const planned = map.cells.filter((c) => !c.refined);
  const gridEdges = [
    edges(
      planned.map((c) => c.x as number),
      logX,
    ),
    edges(
      planned.map((c) => c.y as number),
      logY,
    ),
  ];
  const fineEdges = [edges(xs, logX), edges(ys, logY)];
  const cells = map.cells.map((c) => {
    const [xEdges, yEdges] = c.refined ? fineEdges : gridEdges;
    const [x0, x1] = xEdges.get(c.x as number) ?? fineEdges[0].get(c.x as number)!;
    const [y0, y1] = yEdges.get(c.y as number) ?? fineEdges[1].get(c.y as number)!;
    return { x: c.x, y: c.y, x0, x1, y0, y1, passRate: c.passRate, runs: c.runs, passes: c.passes, refined: c.refined };
  });
  const xDomain = [Math.min(...cells.map((c) => c.x0)), Math.max(...cells.map((c) => c.x1))];
  const yDomain = [Math.min(...cells.map((c) => c.y0)), Math.max(...cells.map((c) => c.y1))];
  const xScale = { domain: xDomain, nice: false, zero: false, ...(logX ? { type: 'log' } : {}) };
  const yScale = { domain: yDomain, nice: false, zero: false, ...(logY ? { type: 'log' } : {}) };
  const conditionPoints = map.conditions.flatMap((c) =>
    c.points
      .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!logX || p.x > 0) && (!logY || p.y > 0))
      .map((p, order) => ({ ...p, condition: c.label, order })),
  );
  const layers: Record<string, unknown>[] = [
    {
      data: {
        values: [...cells.filter((c) => c.passRate !== null && !c.refined), ...cells.filter((c) => c.passRate !== null && c.refined)],
      },
      mark: { type: 'rect', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: map.x, scale: xScale },
        x2: { field: 'x1' },
        y: { field: 'y0', type: 'quantitative', title: map.y, scale: yScale },
        y2: { field: 'y1' },
        color,
        stroke: refinedStroke,
      },
    },
    {
      data: { values: cells.filter((c) => c.passRate === null) },
      mark: { type: 'rect', color: '#c8c8c8' },
      encoding: {
        x: { field: 'x0', type: 'quantitative' },
        x2: { field: 'x1' },
        y: { field: 'y0', type: 'quantitative' },
        y2: { field: 'y1' },
      },
    },
  ];
  if (conditionPoints.length) {
    layers.push({
      data: { values: conditionPoints },
      mark: { type: 'line', color: '#111', strokeWidth: 2.5, clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'y', type: 'quantitative' },
        order: { field: 'order', type: 'quantitative' },
        strokeDash: {
          field: 'condition',
          type: 'nominal',
          title: 'stated condition',
          legend: { orient: 'bottom', direction: 'vertical', labelLimit: 560 },
        },
      },
    });
  }
  return {
    title: map.title,
    caption: `pass rate over ${map.x} × ${map.y}${restText ? `; ${restText}` : ''}; outlined cells were added when refining the boundary; grey cells had no judged runs`,
    spec: { $schema: SCHEMA, width: 420, height: 300, layer: layers },
  };
}
