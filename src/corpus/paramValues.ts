import type { Claim } from '../claims/claim.ts';
import { HOLDING_DOMAIN } from '../claims/runClaim.ts';
import type { ParameterSpec, ParameterValue } from '../parameters/parameter.ts';
import { InputError, InvalidParameterError } from '../parameters/validation.ts';

/**
 * How far a stored or typed value may lie from its parameter's grid:
 * - `on-grid`: on the grid of the regime it is stored under (holding domain or a failure regime),
 *   exactly where the search and the explorer's placement put such cases;
 * - `near-grid`: a number of the grid's kind (an integer on an integer grid) near the grid's reach:
 *   down to min/100 (100 spans below a grid reaching 0 or below) and up to max·100 for a real
 *   grid (a scale, a noise level), max·4 for an integer one (a size or a count, whose cost grows
 *   as a power of it). This is for cases the explorer found off the grid (regime `explore`, or a
 *   regime the claim no longer has) and for `reproduce --params`: exploring beyond the grid is
 *   allowed, a typo of 2000 rows for a maximum of 40 (a run that would not end) is not.
 * Strings and booleans are always on a grid (the domain's or a failure regime's): there is
 * nothing between two options.
 */
export type OffGridRule = 'on-grid' | 'near-grid';

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
  const lo = min > 0 ? min / 100 : min - 100 * span;
  const hi = integer ? (max > 0 ? max * 4 : max + 4 * span) : max > 0 ? max * 100 : max + 100 * span;
  return [lo, hi];
}

function gridText(values: readonly ParameterValue[]): string {
  return `${values.slice(0, 8).map(String).join(', ')}${values.length > 8 ? ', …' : ''}`;
}

/** The rule for a case stored under `regime`: named regimes keep to their grid, the explorer's cases may lie near it. */
export function offGridRuleFor(claim: Claim<any, any>, regime: string): OffGridRule {
  return regime === HOLDING_DOMAIN || claim.failureRegimes.some((r) => r.name === regime) ? 'on-grid' : 'near-grid';
}

/**
 * The first parameter whose value the claim's domain cannot take, or null: the type of its grid,
 * a finite number, an integer on an integer grid, and the off-grid rule; the seed an integer in
 * [0, 2³²). Names are checked separately (checkParamNames).
 */
export function findParamProblem(claim: Claim<any, any>, params: Readonly<Record<string, unknown>>, regime: string, rule: OffGridRule): ParamProblem | null {
  const seed = params.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return { name: 'seed', value: seed, constraint: `an integer in [0, ${MAX_SEED}]` };
  const base = claim.domain as Record<string, ParameterSpec>;
  const failure = claim.failureRegimes.find((r) => r.name === regime);
  const domain = { ...base, ...((failure?.domain ?? {}) as Record<string, ParameterSpec>) };
  for (const [name, spec] of Object.entries(domain)) {
    if (!(name in params)) continue;
    const value = params[name];
    // Near the grid means near any grid the claim gives the parameter (its domain's, its failure regimes').
    const grid = (rule === 'on-grid' ? spec.values : [...new Set([spec, ...claim.failureRegimes.map((r) => (r.domain as Record<string, ParameterSpec>)[name])].flatMap((s) => s?.values ?? []))]) as readonly ParameterValue[];
    const kind = typeof grid[0];
    if (typeof value !== kind) return { name, value, constraint: `a ${kind} like the values of its grid (${gridText(grid)}), not a ${kindOf(value)}` };
    if (grid.includes(value as ParameterValue)) continue;
    if (kind !== 'number') return { name, value, constraint: `one of ${gridText(grid)}` };
    const number = value as number;
    if (!Number.isFinite(number)) return { name, value, constraint: 'a finite number' };
    const numbers = [...grid, ...(base[name]?.values ?? [])] as number[];
    const integer = numbers.every(Number.isInteger);
    if (integer && !Number.isInteger(number)) return { name, value, constraint: `an integer, as every value of its grid (${gridText(grid)})` };
    if (rule === 'on-grid') return { name, value, constraint: `a value of its grid in regime "${regime}" (${gridText(grid)})` };
    const [lo, hi] = nearGridBounds(numbers, integer);
    if (number < lo || number > hi) return { name, value, constraint: `within [${lo.toPrecision(3)}, ${hi.toPrecision(3)}], near its grid (${gridText(grid)}; off-grid values are allowed for explored cases)` };
  }
  return null;
}

/**
 * Throws on the first value the claim's domain cannot take. With `where` (the file a stored case
 * came from) it is an InputError naming the file and the field; without, an InvalidParameterError
 * of `params.<name>` (`reproduce --params`). Values are shown only as a short sanitized excerpt.
 */
export function checkParamValues(claim: Claim<any, any>, params: Readonly<Record<string, unknown>>, regime: string, rule: OffGridRule, where?: string): void {
  const problem = findParamProblem(claim, params, regime, rule);
  if (!problem) return;
  if (where !== undefined) throw new InputError(`${where}: field params.${problem.name}: is ${excerpt(problem.value)}, must be ${problem.constraint}`);
  const v = problem.value;
  const plain = typeof v === 'number' || typeof v === 'boolean' || v === undefined || (typeof v === 'string' && v.length <= 40 && !/[\u0000-\u001f]/.test(v));
  throw new InvalidParameterError(`params.${problem.name}`, plain ? v : excerpt(v), problem.constraint);
}
