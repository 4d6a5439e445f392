import type { RunRecord, Verdict } from '../claims/result.ts';
import { decideVerdict } from '../claims/verdict.ts';
import type { RegimeMapCell } from '../report/reportModel.ts';
import type { ParameterValue } from '../parameters/parameter.ts';

/** Everything the explorer knows about one (x, y) point: its runs, by seed index. */
export interface CellState {
  readonly x: ParameterValue;
  readonly y: ParameterValue;
  readonly records: RunRecord[];
  /** Seed indices run so far (0..n−1, extended when the cell is refined). */
  seedsRun: number;
  readonly refined: boolean;
}

export function cellKey(x: ParameterValue, y: ParameterValue): string {
  return `${typeof x}:${String(x)}|${typeof y}:${String(y)}`;
}

export function tally(cell: CellState): { passes: number; failures: number; other: number } {
  const passes = cell.records.filter((r) => r.outcome === 'pass').length;
  const failures = cell.records.filter((r) => r.outcome === 'fail').length;
  return { passes, failures, other: cell.records.length - passes - failures };
}

/**
 * A cell's verdict by the same rule as a claim's (decideVerdict): deterministic cells fail on one
 * failure, stochastic cells are decided sequentially against the claim's threshold.
 */
export function cellVerdict(cell: CellState, kind: 'deterministic' | 'stochastic', threshold: number): Verdict {
  const { passes, failures } = tally(cell);
  return decideVerdict(kind, threshold, { passes, failures, interrupted: false, plannedRuns: passes + failures }).verdict;
}

export function toMapCell(cell: CellState, kind: 'deterministic' | 'stochastic', threshold: number): RegimeMapCell {
  const { passes, failures } = tally(cell);
  const { interval, passRate } = decideVerdict(kind, threshold, { passes, failures, interrupted: false, plannedRuns: passes + failures });
  return {
    x: cell.x as number | string,
    y: cell.y as number | string,
    runs: passes + failures,
    passes,
    passRate,
    interval,
    refined: cell.refined,
  };
}
