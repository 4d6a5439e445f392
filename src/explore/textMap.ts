import { decideVerdict } from '../claims/verdict.ts';
import type { RegimeMap } from '../report/reportModel.ts';

const marks = { holds: '+', fails: '×', inconclusive: '?' } as const;

/** A cell's verdict by the claim's rules (src/claims/verdict.ts), as one mark. */
function mark(cell: RegimeMap['cells'][number], threshold: number, kind: 'deterministic' | 'stochastic'): string {
  if (!cell.runs || !cell.interval) return '·';
  return marks[
    decideVerdict(kind, threshold, { passes: cell.passes, failures: cell.runs - cell.passes, interrupted: false, plannedRuns: cell.runs })
      .verdict
  ];
}

/**
 * The map as text, y growing upward like a chart: each cell shows passes/runs and a mark
 * (+ holds, × fails, ? inconclusive, * refined cell). Values with no cell in a row show blank.
 */
export function renderTextMap(map: RegimeMap, kind: 'deterministic' | 'stochastic', threshold: number): string {
  const numeric = (values: (number | string)[]) =>
    values.every((v) => typeof v === 'number') ? [...values].sort((a, b) => (a as number) - (b as number)) : values;
  const xs = numeric([...new Set(map.cells.map((c) => c.x))]);
  const ys = numeric([...new Set(map.cells.map((c) => c.y))]).reverse();
  const byKey = new Map(map.cells.map((c) => [`${c.x}|${c.y}`, c]));
  const label = (v: number | string) => String(v);
  const cellText = (x: number | string, y: number | string) => {
    const cell = byKey.get(`${x}|${y}`);
    return cell ? `${mark(cell, threshold, kind)}${cell.passes}/${cell.runs}${cell.refined ? '*' : ''}` : '';
  };
  const width = Math.max(6, ...xs.map((x) => label(x).length), ...map.cells.map((c) => cellText(c.x, c.y).length)) + 1;
  const yWidth = Math.max(map.y.length, ...ys.map((y) => label(y).length));
  const lines = [`${map.claimId}: passes/runs per cell (+ holds, × fails, ? inconclusive, * refined)`];
  lines.push(`${map.y.padStart(yWidth)} ↑`);
  for (const y of ys) lines.push(`${label(y).padStart(yWidth)} │${xs.map((x) => cellText(x, y).padStart(width)).join('')}`);
  lines.push(`${''.padStart(yWidth)} └${'─'.repeat(width * xs.length)}`);
  lines.push(`${''.padStart(yWidth)}  ${xs.map((x) => label(x).padStart(width)).join('')}  → ${map.x}`);
  const rest = Object.entries(map.rest);
  if (rest.length) lines.push(`other parameters: ${rest.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  for (const curve of map.conditions) lines.push(`stated condition: ${curve.label} (${curve.points.length} points)`);
  return lines.join('\n');
}
