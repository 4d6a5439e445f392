import { findParamProblem } from '../corpus/paramValues.ts';
import type { Claim, ExploreAxis } from '../claims/claim.ts';
import { evenlySpaced, type ParameterSpec, type ParameterValue } from '../parameters/parameter.ts';
import { InputError, InvalidParameterError } from '../parameters/validation.ts';

function specOf(claim: Claim<any, any>, name: string, option: string): ParameterSpec {
  const domain = claim.domain as Record<string, ParameterSpec>;
  const spec = domain[name];
  if (!spec) throw new InvalidParameterError(option, name, `a parameter of ${claim.id}: ${Object.keys(domain).join(', ')}`);
  return spec;
}

function splitAssignment(text: string, option: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new InvalidParameterError(option, text, 'name=values, e.g. noise=0,0.5,1 or noise=0:4:9');
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function isIntegerGrid(spec: ParameterSpec): boolean {
  return spec.values.every((v) => typeof v === 'number' && Number.isInteger(v));
}

/** `from:to:count` → count evenly spaced values, `from` ≤ `to`; integers stay integers on integer grids. */
function parseRange(name: string, text: string, spec: ParameterSpec, option: string): number[] {
  const parts = text.split(':');
  const [from, to, count] = parts.map(Number);
  if (parts.length !== 3 || parts.some((p) => p.trim() === '') || ![from, to, count].every(Number.isFinite)) {
    throw new InvalidParameterError(`${option} ${name}`, text, 'a range from:to:count of numbers, e.g. 0:4:9');
  }
  if (!Number.isInteger(count) || count < 1)
    throw new InvalidParameterError(`${option} ${name}`, text, 'a range whose count is an integer ≥ 1');
  if (from > to) throw new InvalidParameterError(`${option} ${name}`, text, `an increasing range (from ≤ to), e.g. ${to}:${from}:${count}`);
  if (count === 1 && from !== to) throw new InvalidParameterError(`${option} ${name}`, text, 'a range with count ≥ 2 when from < to');
  if (typeof spec.values[0] !== 'number')
    throw new InvalidParameterError(`${option} ${name}`, text, `a list of values (${name} is ${spec.description}), not a range`);
  const values = evenlySpaced(from, to, count, 6);
  return [...new Set(isIntegerGrid(spec) ? values.map(Math.round) : values)];
}

/**
 * Reads `--x noise=0,0.5,1,2` or `--x noise=0:4:9` against the claim's domain. Every value goes
 * through the parameter's own parser, so a non-numeric or non-integer value is named with the
 * constraint it broke. Values may lie off the claim's grid: exploring beyond it is the point.
 */
export function parseAxis(claim: Claim<any, any>, text: string, option = '--x'): ExploreAxis {
  const [name, body] = splitAssignment(text, option);
  const spec = specOf(claim, name, option);
  if (body === '')
    throw new InvalidParameterError(`${option} ${name}`, body, `a non-empty grid, e.g. ${name}=${spec.values.slice(0, 3).join(',')}`);
  let values: ParameterValue[];
  if (body.includes(':') && typeof spec.values[0] === 'number') values = parseRange(name, body, spec, option);
  else {
    const items = body.split(',').map((item) => item.trim());
    if (items.some((item) => item === ''))
      throw new InvalidParameterError(`${option} ${name}`, body, 'a comma-separated list without empty entries');
    values = items.map((item) => spec.parse(item, `${option} ${name}`));
  }
  values = [...new Set(values)];
  if (values.length === 0) throw new InvalidParameterError(`${option} ${name}`, body, 'a non-empty grid');
  for (const value of values) checkNearGrid(claim, name, value, option);
  if (typeof values[0] === 'number') (values as number[]).sort((a, b) => a - b);
  return { name, values };
}

/** `--set name=value`: one parameter held fixed while the map varies x and y. */
export function parseSetting(claim: Claim<any, any>, text: string): [string, ParameterValue] {
  const [name, body] = splitAssignment(text, '--set');
  const spec = specOf(claim, name, '--set');
  const value = spec.parse(body, `--set ${name}`);
  checkNearGrid(claim, name, value, '--set');
  return [name, value];
}

/**
 * Off the grid is allowed, far above it is not: the stored-case rule of src/corpus/paramValues.ts
 * (e.g. integers up to 4× the grid's largest), so that a typo (2000 rows for a grid up to 40) is
 * one line and exit 2 before anything is allocated, never a run that does not end. Small values
 * (scale 0 below a positive grid) cost nothing and stay explorable.
 */
function checkNearGrid(claim: Claim<any, any>, name: string, value: ParameterValue, option: string): void {
  if (typeof value !== 'number') return;
  const problem = findParamProblem(claim, { seed: 0, [name]: value });
  const largest = Math.max(...(specOf(claim, name, option).values as number[]));
  if (problem && value > largest) throw new InvalidParameterError(`${option} ${name}`, String(value), problem.constraint);
}

export function checkAxes(x: ExploreAxis, y: ExploreAxis, fixed: Record<string, ParameterValue>): void {
  if (x.name === y.name) throw new InputError(`--x and --y both name "${x.name}"; a map needs two different parameters`);
  for (const axis of [x, y]) if (axis.name in fixed) throw new InputError(`"${axis.name}" is both an axis and --set; give it in one place`);
}
