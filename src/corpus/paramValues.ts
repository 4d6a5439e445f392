import type { Claim } from '../claims/claim.ts';
import type { ParameterSpec, ParameterValue } from '../parameters/parameter.ts';
import { InputError, InvalidParameterError } from '../parameters/validation.ts';

/** The largest run seed accepted: fast-check draws seeds below 10⁶, reports print them as integers. */
const MAX_SEED = 2 ** 32 - 1;

export interface ParamProblem {
  readonly name: string;
  readonly value: unknown;
  readonly constraint: string;
}

/** A value as a message may show it: short, one line, no control characters. */
export function excerpt(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  text = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function nearGridBounds(values: readonly number[], integer: boolean): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.max(1, Math.abs(max));
  const reach = integer ? 4 : 100;
  // A positive grid (a scale) reaches by factors; one that touches 0 or below, by spans.
  return min > 0 ? [min / 100, max * reach] : [min - reach * span, max + reach * span];
}

function gridText(values: readonly ParameterValue[]): string {
  return `${values.slice(0, 8).map(String).join(', ')}${values.length > 8 ? ', …' : ''}`;
}

/**
 * The values a stored case (or `reproduce --params`) may give a parameter, by value:
 * - the type of its grid; strings and booleans on a grid the claim gives it (its domain's or a
 *   failure regime's): there is nothing between two options;
 * - numbers finite, and whole where every grid value is;
 * - on a grid, or off it but near it (the explicit off-grid rule): for a positive grid, from
 *   min/100 up to max·100 for real values (a scale, a noise level) and max·4 for integers (a size
 *   or a count, whose cost grows as a power of it); for a grid that reaches 0 or below, 100 spans
 *   (integers: 4) beyond either end. The explorer
 *   may go beyond a grid, and a failure it found there may be filed under a regime by hand; a
 *   typo of 2000 rows for a maximum of 40 (a run that would not end) is refused.
 *
 * Returns the first parameter whose value breaks this, or null; the seed must be an integer in
 * [0, 2³²). Names are checked separately (checkParamNames).
 */
export function findParamProblem(claim: Claim<any, any>, params: Readonly<Record<string, unknown>>): ParamProblem | null {
  const seed = params.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    return { name: 'seed', value: seed, constraint: `an integer in [0, ${MAX_SEED}]` };
  const base = claim.domain as Record<string, ParameterSpec>;
  for (const [name, spec] of Object.entries(base)) {
    if (!(name in params)) continue;
    const value = params[name];
    // Every grid the claim gives the parameter: its domain's and its failure regimes'.
    const grid = [
      ...new Set(
        [spec, ...claim.failureRegimes.map((r) => (r.domain as Record<string, ParameterSpec>)[name])].flatMap((s) => s?.values ?? []),
      ),
    ] as readonly ParameterValue[];
    const kind = typeof grid[0];
    if (typeof value !== kind)
      return { name, value, constraint: `a ${kind} like the values of its grid (${gridText(grid)}), not a ${kindOf(value)}` };
    if (grid.includes(value as ParameterValue)) continue;
    if (kind !== 'number') return { name, value, constraint: `one of ${gridText(grid)}` };
    const number = value as number;
    if (!Number.isFinite(number)) return { name, value, constraint: 'a finite number' };
    const numbers = grid as number[];
    const integer = numbers.every(Number.isInteger);
    if (integer && !Number.isInteger(number))
      return { name, value, constraint: `an integer, as every value of its grid (${gridText(grid)})` };
    const [lo, hi] = nearGridBounds(numbers, integer);
    if (number < lo || number > hi)
      return { name, value, constraint: `within [${lo.toPrecision(3)}, ${hi.toPrecision(3)}], on or near its grid (${gridText(grid)})` };
  }
  return null;
}

/**
 * Throws on the first value the claim's domain cannot take. With `where` (the file a stored case
 * came from) it is an InputError naming the file and the field; without, an InvalidParameterError
 * of `params.<name>` (`reproduce --params`). Values are shown only as a short sanitized excerpt.
 */
export function checkParamValues(claim: Claim<any, any>, params: Readonly<Record<string, unknown>>, where?: string): void {
  const problem = findParamProblem(claim, params);
  if (!problem) return;
  if (where !== undefined)
    throw new InputError(`${where}: field params.${problem.name}: is ${excerpt(problem.value)}, must be ${problem.constraint}`);
  const v = problem.value;
  const plain =
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    v === undefined ||
    (typeof v === 'string' && v.length <= 40 && !/[\u0000-\u001f]/.test(v));
  throw new InvalidParameterError(`params.${problem.name}`, plain ? v : excerpt(v), problem.constraint);
}
