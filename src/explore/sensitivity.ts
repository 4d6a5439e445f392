import type { RunRecord } from '../claims/result.ts';
import type { ParameterValue } from '../parameters/parameter.ts';
import type { Evaluator, RunParams } from './evaluator.ts';
import type { SearchSpace } from './targetedSearch.ts';

export interface Sensitivity {
  readonly params: Record<string, unknown>;
  /** Parameters that can take every tried value and the run still fails. */
  readonly free: string[];
  /** Parameters for which some tried value makes the failure go away. */
  readonly essential: string[];
  /** For each essential parameter, the values at which the run passes. */
  readonly rescues: Record<string, ParameterValue[]>;
}

/** At most `count` values spread over a grid, always including both ends. */
export function spread(values: readonly ParameterValue[], count: number): ParameterValue[] {
  if (values.length <= count) return [...values];
  return [...new Set(Array.from({ length: count }, (_, i) => values[Math.round((i * (values.length - 1)) / (count - 1))]))];
}

/**
 * Which parameters matter for one failure: vary each parameter alone across its grid (a few
 * values spread over it, and a few other seeds) and see whether the failure survives. A
 * parameter is free when every value still fails, essential when some value makes it pass.
 */
export async function sensitivityOf(
  failure: RunRecord,
  space: SearchSpace,
  evaluate: Evaluator,
  valuesPerParameter = 5,
  shouldStop?: () => boolean,
): Promise<Sensitivity> {
  const free: string[] = [];
  const essential: string[] = [];
  const rescues: Record<string, ParameterValue[]> = {};
  const seeds = [0, 1, 2, 3].map((i) => (failure.params.seed + 1 + i * 104_729) % 1_000_000);
  const axes: [string, readonly ParameterValue[]][] = [...Object.entries(space).filter(([, v]) => v.length > 1), ['seed', seeds]];
  for (const [name, values] of axes) {
    if (shouldStop?.()) break;
    const passing: ParameterValue[] = [];
    for (const value of spread(values, valuesPerParameter)) {
      if (value === failure.params[name]) continue;
      const params: RunParams = { ...failure.params, [name]: value };
      const record = await evaluate(params);
      if (record.outcome === 'pass') passing.push(value);
    }
    if (passing.length) {
      essential.push(name);
      rescues[name] = passing;
    } else free.push(name);
  }
  return { params: failure.params, free, essential, rescues };
}
