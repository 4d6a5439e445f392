import type { RunRecord } from '../claims/result.ts';
import type { ParameterValue } from '../parameters/parameter.ts';
import type { Evaluator, RunParams } from './evaluator.ts';
import type { SearchSpace } from './targetedSearch.ts';

function simplerValues(values: readonly ParameterValue[], current: ParameterValue): ParameterValue[] {
  const at = values.indexOf(current);
  if (at >= 0) return values.slice(0, at);
  // Off the grid (a refined midpoint): every grid value below it is simpler.
  return typeof current === 'number' ? values.filter((v) => typeof v === 'number' && v < current) : [...values];
}

/**
 * Shrinks a failing run along the grids to the simplest readable parameters: for each parameter
 * in turn, try the grid's values from the first (simplest) up to the current one and keep the
 * first that still fails; smaller seeds are tried too. Repeats until nothing simpler fails.
 */
export async function shrinkFailure(
  failure: RunRecord,
  space: SearchSpace,
  evaluate: Evaluator,
  maxRuns = 200,
  shouldStop?: () => boolean,
): Promise<{ record: RunRecord; steps: number; runs: number }> {
  let current = failure;
  let steps = 0;
  let runs = 0;
  let improved = true;
  while (improved && runs < maxRuns && !shouldStop?.()) {
    improved = false;
    const candidates: [string, ParameterValue][] = [];
    for (const [name, values] of Object.entries(space))
      for (const v of simplerValues(values, current.params[name])) candidates.push([name, v]);
    for (const seed of [0, 1, 2]) if (seed < current.params.seed) candidates.push(['seed', seed]);
    for (const [name, value] of candidates) {
      if (runs >= maxRuns || shouldStop?.()) break;
      const params: RunParams = { ...current.params, [name]: value };
      const record = await evaluate(params);
      runs++;
      if (record.outcome === 'fail') {
        current = record;
        steps++;
        improved = true;
        break;
      }
    }
  }
  return { record: current, steps, runs };
}
