import type { RunRecord } from '../claims/result.ts';
import type { ParameterValue } from '../parameters/parameter.ts';
import type { Rng } from '../random/rng.ts';
import { type Evaluator, failureScore, type RunParams } from './evaluator.ts';

/** The grids a search moves on: each parameter's values, simplest first. */
export type SearchSpace = Readonly<Record<string, readonly ParameterValue[]>>;

export interface TargetedSearchOptions {
  readonly space: SearchSpace;
  readonly evaluate: Evaluator;
  readonly rng: Rng;
  /** Most runs to spend. */
  readonly runs: number;
  readonly shouldStop?: () => boolean;
}

export interface TargetedSearchOutcome {
  /** The first failing run found, or null. */
  readonly failure: RunRecord | null;
  readonly runs: number;
  /** The lowest margin after each run: how the search closed in on failure. */
  readonly bestMargins: number[];
}

function draw(space: SearchSpace, rng: Rng): RunParams {
  const params: Record<string, ParameterValue> = {};
  for (const [name, values] of Object.entries(space)) params[name] = values[rng.integer(values.length)];
  return { ...params, seed: rng.integer(1_000_000) };
}

/** A neighbour on the grids: one parameter one step (sometimes a jump), or a fresh seed. */
function neighbour(space: SearchSpace, from: RunParams, rng: Rng): RunParams {
  const names = Object.keys(space).filter((n) => space[n].length > 1);
  const pick = rng.integer(names.length + 1);
  if (pick === names.length) return { ...from, seed: rng.integer(1_000_000) };
  const name = names[pick];
  const values = space[name];
  const at = Math.max(0, values.indexOf(from[name]));
  const jump = rng.uniform() < 0.2;
  const next = jump ? rng.integer(values.length) : Math.min(values.length - 1, Math.max(0, at + (rng.uniform() < 0.5 ? -1 : 1)));
  return { ...from, [name]: values[next === at ? (at + 1) % values.length : next] };
}

/**
 * Steers runs toward failure, as Hypothesis's target() does: a few uniform draws, then hill
 * climbing on the grids from the run with the smallest margin (the signed distance from the pass
 * threshold), restarting from a fresh draw when it stalls. Stops at the first failure.
 */
export async function targetedSearch(options: TargetedSearchOptions): Promise<TargetedSearchOutcome> {
  const { space, evaluate, rng } = options;
  const dimensions = Object.keys(space).length + 1;
  const explore = Math.max(2, Math.floor(options.runs / 4));
  const bestMargins: number[] = [];
  let best: { params: RunParams; score: number } | null = null;
  let runs = 0;
  let stall = 0;
  const tried = new Set<string>();
  while (runs < options.runs && !options.shouldStop?.()) {
    let params: RunParams = best && runs >= explore && stall < 3 * dimensions ? neighbour(space, best.params, rng) : draw(space, rng);
    if (best && stall >= 3 * dimensions) stall = 0;
    for (let retry = 0; tried.has(JSON.stringify(params)) && retry < 20; retry++)
      params = best ? neighbour(space, best.params, rng) : draw(space, rng);
    tried.add(JSON.stringify(params));
    const record = await evaluate(params);
    runs++;
    const score = failureScore(record);
    if (record.outcome === 'fail') {
      bestMargins.push(record.margin ?? -Infinity);
      return { failure: record, runs, bestMargins };
    }
    if (!best || score < best.score) {
      best = { params, score };
      stall = 0;
    } else stall++;
    bestMargins.push(best.score);
  }
  return { failure: null, runs, bestMargins };
}
