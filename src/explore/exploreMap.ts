import type { Claim, ExploreAxis } from '../claims/claim.ts';
import type { RunRecord } from '../claims/result.ts';
import { seedFromLabel } from '../claims/seeds.ts';
import type { ParameterSpec, ParameterValue } from '../parameters/parameter.ts';
import { describeValues } from '../parameters/describe.ts';
import { createRng } from '../random/rng.ts';
import type { RegimeMap } from '../report/reportModel.ts';
import { type BoundaryPair, boundaryPairs, midpoint } from './boundary.ts';
import { type CellState, cellKey, cellVerdict, toMapCell } from './cells.ts';
import type { Evaluator, RunParams } from './evaluator.ts';

export interface MapOptions {
  readonly claim: Claim<any, any>;
  readonly x: ExploreAxis;
  readonly y: ExploreAxis;
  /** Parameters held fixed (--set); the others are drawn from the claim's domain, per seed. */
  readonly fixed: Readonly<Record<string, ParameterValue>>;
  /** Seeds per cell before refinement. */
  readonly seeds: number;
  readonly baseSeed: number;
  /** Rounds of refinement near the boundary (new intermediate values, more seeds). */
  readonly refineRounds: number;
  /**
   * Stochastic claims: after refinement, a cell still inconclusive gets more seeds one at a time,
   * up to this many in all, until the sequential rule decides it (default: no more seeds).
   */
  readonly maxSeeds?: number;
  readonly evaluate: Evaluator;
  /** Stop starting runs (deadline, SIGINT); what was gathered is returned, marked partial. */
  readonly shouldStop?: () => boolean;
  /** Called when the plan grows (refinement), with the new total of planned runs. */
  readonly onPlan?: (plannedRuns: number) => void;
}

export interface MapOutcome {
  readonly map: RegimeMap;
  readonly cells: CellState[];
  readonly partial: boolean;
  /** Neighbouring cells whose verdicts differ, over the final (refined) cells in the refined axis order. */
  readonly boundary: BoundaryPair[];
}

/**
 * Run i of every cell uses the same seed and the same draws of the other parameters (common
 * random numbers): neighbouring cells then differ only in x and y, which sharpens the boundary.
 */
export function runParameters(
  claim: Claim<any, any>,
  x: ExploreAxis,
  y: ExploreAxis,
  fixed: Readonly<Record<string, ParameterValue>>,
  baseSeed: number,
) {
  return (xv: ParameterValue, yv: ParameterValue, seedIndex: number): RunParams => {
    const seed = seedFromLabel(`${baseSeed}/explore/${seedIndex}`) % 1_000_000;
    const draw = createRng(`${baseSeed}/explore/rest/${seedIndex}`);
    const params: Record<string, ParameterValue> = {};
    for (const [name, spec] of Object.entries(claim.domain as Record<string, ParameterSpec>)) {
      const drawn = spec.values[draw.integer(spec.values.length)];
      params[name] = name === x.name ? xv : name === y.name ? yv : name in fixed ? fixed[name] : drawn;
    }
    return { ...params, seed };
  };
}

export function describeRest(
  claim: Claim<any, any>,
  x: ExploreAxis,
  y: ExploreAxis,
  fixed: Readonly<Record<string, ParameterValue>>,
): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const [name, spec] of Object.entries(claim.domain as Record<string, ParameterSpec>)) {
    if (name === x.name || name === y.name) continue;
    if (name in fixed) rest[name] = String(fixed[name]);
    else if (spec.values.length === 1) rest[name] = String(spec.values[0]);
    else rest[name] = `drawn from {${describeValues(spec.values, { max: 8, head: 3, tail: 1 })}}`;
  }
  return rest;
}

/**
 * Estimates the pass rate on the x × y grid, then refines where the verdict changes: cells on
 * both sides of the boundary get more seeds, and a value halfway between them is added (along
 * the axis the boundary crosses) so the boundary is located more finely than the grid given.
 */
export async function exploreMap(options: MapOptions): Promise<MapOutcome> {
  const { claim, x, y, fixed, seeds, evaluate } = options;
  const started = performance.now();
  const threshold = claim.threshold ?? 1;
  const paramsOf = runParameters(claim, x, y, fixed, options.baseSeed);
  const cells = new Map<string, CellState>();
  const xOrder: ParameterValue[] = [...x.values];
  const yOrder: ParameterValue[] = [...y.values];
  const integerAxis = (axis: ExploreAxis) =>
    axis.values.every((v) => typeof v === 'number' && Number.isInteger(v)) &&
    (claim.domain as Record<string, ParameterSpec>)[axis.name].values.every((v) => typeof v === 'number' && Number.isInteger(v));
  let partial = false;
  let planned: number;

  const runCell = async (cell: CellState, upTo: number): Promise<void> => {
    for (let i = cell.seedsRun; i < upTo; i++) {
      if (options.shouldStop?.()) {
        partial = true;
        return;
      }
      const record: RunRecord = await evaluate(paramsOf(cell.x, cell.y, i));
      cell.records.push(record);
      cell.seedsRun = i + 1;
    }
  };
  const addCell = (xv: ParameterValue, yv: ParameterValue, refined: boolean): CellState => {
    const key = cellKey(xv, yv);
    const existing = cells.get(key);
    if (existing) return existing;
    const cell: CellState = { x: xv, y: yv, records: [], seedsRun: 0, refined };
    cells.set(key, cell);
    return cell;
  };

  planned = x.values.length * y.values.length * seeds;
  options.onPlan?.(planned);
  for (const yv of y.values) for (const xv of x.values) await runCell(addCell(xv, yv, false), seeds);

  const verdictOf = (cell: CellState) => cellVerdict(cell, claim.kind, threshold);
  for (let round = 0; round < options.refineRounds && !partial; round++) {
    const pairs = boundaryPairs([...cells.values()], verdictOf, xOrder, yOrder);
    const uncertain = [...cells.values()].filter((c) => verdictOf(c) === 'inconclusive');
    if (!pairs.length && !uncertain.length) break;
    const moreSeeds = new Set<CellState>(uncertain);
    const newCells: CellState[] = [];
    for (const { axis, a, b } of pairs) {
      moreSeeds.add(a);
      moreSeeds.add(b);
      const mid = midpoint(a[axis], b[axis], integerAxis(axis === 'x' ? x : y));
      if (mid === null) continue;
      const order = axis === 'x' ? xOrder : yOrder;
      if (!order.includes(mid)) order.splice(order.indexOf(a[axis]) + (a[axis] < b[axis] ? 1 : 0), 0, mid);
      const key = axis === 'x' ? cellKey(mid, a.y) : cellKey(a.x, mid);
      if (!cells.has(key)) newCells.push(axis === 'x' ? addCell(mid, a.y, true) : addCell(a.x, mid, true));
    }
    const target = seeds * (round + 2);
    planned += newCells.length * seeds + [...moreSeeds].reduce((sum, c) => sum + Math.max(0, target - c.seedsRun), 0);
    options.onPlan?.(planned);
    for (const cell of newCells) await runCell(cell, seeds);
    for (const cell of moreSeeds) await runCell(cell, target);
  }

  // The sequential rule may be read after every seed, so undecided cells draw seeds until decided or at the cap.
  if (claim.kind === 'stochastic' && options.maxSeeds !== undefined) {
    const open = [...cells.values()].filter((c) => verdictOf(c) === 'inconclusive' && c.seedsRun < options.maxSeeds!);
    planned += open.reduce((sum, c) => sum + (options.maxSeeds! - c.seedsRun), 0);
    options.onPlan?.(planned);
    for (const cell of open) {
      while (!partial && cell.seedsRun < options.maxSeeds && verdictOf(cell) === 'inconclusive') await runCell(cell, cell.seedsRun + 1);
    }
  }

  // Sort numerically so the report and the text map read in order.
  const order = (values: ParameterValue[]) =>
    values.every((v) => typeof v === 'number') ? [...values].sort((p, q) => (p as number) - (q as number)) : values;
  const xs = order(xOrder);
  const ys = order(yOrder);
  const sorted = [...cells.values()].sort((p, q) => ys.indexOf(p.y) - ys.indexOf(q.y) || xs.indexOf(p.x) - xs.indexOf(q.x));
  const curves = claim.conditionCurves?.({ name: x.name, values: xs }, { name: y.name, values: ys }, fixed) ?? [];
  const map: RegimeMap = {
    claimId: claim.id,
    title: `${claim.title}: pass rate over ${x.name} × ${y.name}`,
    x: x.name,
    y: y.name,
    rest: describeRest(claim, x, y, fixed),
    cells: sorted.map((c) => toMapCell(c, claim.kind, threshold)),
    conditions: curves.map((c) => ({ label: c.label, points: c.points.map((p) => ({ x: p.x, y: p.y })) })),
    durationMs: performance.now() - started,
  };
  return { map, cells: sorted, partial, boundary: boundaryPairs(sorted, verdictOf, xOrder, yOrder) };
}
