import type { Verdict } from '../claims/result.ts';
import type { ParameterValue } from '../parameters/parameter.ts';
import type { CellState } from './cells.ts';

/** Two neighbouring cells (along x or along y) whose verdicts differ: the boundary runs between them. */
export interface BoundaryPair {
  readonly axis: 'x' | 'y';
  readonly a: CellState;
  readonly b: CellState;
}

function compare(a: ParameterValue, b: ParameterValue): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/**
 * The boundary between holding and failing: in every row (and column) of the evaluated cells,
 * consecutive cells whose verdicts differ. An inconclusive cell differs from both sides, so the
 * refinement looks at it too.
 */
export function boundaryPairs(
  cells: readonly CellState[],
  verdictOf: (cell: CellState) => Verdict,
  xOrder: readonly ParameterValue[],
  yOrder: readonly ParameterValue[],
): BoundaryPair[] {
  const rank = (order: readonly ParameterValue[], v: ParameterValue) => {
    const i = order.indexOf(v);
    return i >= 0 ? i : Number.NaN;
  };
  const sortBy = (axis: 'x' | 'y') => (p: CellState, q: CellState) => {
    const order = axis === 'x' ? xOrder : yOrder;
    const byRank = rank(order, p[axis]) - rank(order, q[axis]);
    return Number.isNaN(byRank) ? compare(p[axis], q[axis]) : byRank;
  };
  const pairs: BoundaryPair[] = [];
  for (const axis of ['x', 'y'] as const) {
    const other = axis === 'x' ? 'y' : 'x';
    const lines = new Map<string, CellState[]>();
    for (const cell of cells) {
      const key = `${typeof cell[other]}:${String(cell[other])}`;
      lines.set(key, [...(lines.get(key) ?? []), cell]);
    }
    for (const line of lines.values()) {
      line.sort(sortBy(axis));
      for (let i = 0; i + 1 < line.length; i++)
        if (verdictOf(line[i]) !== verdictOf(line[i + 1])) pairs.push({ axis, a: line[i], b: line[i + 1] });
    }
  }
  return pairs;
}

/**
 * A value between two grid values, readable (3 significant digits) and on the parameter's type:
 * geometric between values a decade apart or more (log grids), arithmetic otherwise. Null when
 * no such value lies strictly between them (neighbouring integers, strings).
 */
export function midpoint(a: ParameterValue, b: ParameterValue, integer: boolean): number | null {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  const [low, high] = a < b ? [a, b] : [b, a];
  const geometric = low > 0 && high / low >= 10;
  let mid = geometric ? Math.sqrt(low * high) : (low + high) / 2;
  mid = integer ? Math.round(mid) : Number(mid.toPrecision(3));
  return mid > low && mid < high ? mid : null;
}
