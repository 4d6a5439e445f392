import fc from 'fast-check';
import { InvalidParameterError } from './validation.ts';

/** A value a parameter takes: a number, a string (a named choice) or a boolean. */
export type ParameterValue = number | string | boolean;

/**
 * One parameter of a claim's domain: a finite, readable grid of values. fast-check draws an
 * index into the grid, so shrinking walks toward the first (simplest) value and counterexamples
 * read `noise=1.5, K=3`, never `1.4999999`. The explorer enumerates the same grid.
 */
export interface ParameterSpec<T extends ParameterValue = ParameterValue> {
  readonly values: readonly T[];
  readonly description: string;
  arbitrary(): fc.Arbitrary<T>;
  /** Reads a value typed on the command line, rejecting anything off the grid's type. */
  parse(text: string, name: string): T;
  /** A copy restricted to the values that satisfy a predicate (failure regimes, explorer ranges). */
  restrict(keep: (value: T) => boolean): ParameterSpec<T>;
}

function spec<T extends ParameterValue>(
  values: readonly T[],
  description: string,
  parse: (text: string, name: string) => T,
): ParameterSpec<T> {
  if (values.length === 0) throw new RangeError(`parameter grid "${description}" is empty`);
  return {
    values,
    description,
    arbitrary: () => (values.length === 1 ? fc.constant(values[0]) : fc.integer({ min: 0, max: values.length - 1 }).map((i) => values[i])),
    parse,
    restrict: (keep) => spec(values.filter(keep), description, parse),
  };
}

function parseNumber(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new InvalidParameterError(name, text, 'a finite number');
  return value;
}

/** An explicit list of numbers, simplest first. */
export function grid(values: readonly number[], description = 'grid'): ParameterSpec<number> {
  return spec(values, description, parseNumber);
}

/** Integers min, min+step, …, ≤ max. */
export function integers(min: number, max: number, step = 1): ParameterSpec<number> {
  const values: number[] = [];
  for (let v = min; v <= max; v += step) values.push(v);
  return spec(values, `integers ${min}..${max}${step !== 1 ? ` step ${step}` : ''}`, (text, name) => {
    const value = parseNumber(text, name);
    if (!Number.isInteger(value)) throw new InvalidParameterError(name, text, 'an integer');
    return value;
  });
}

/** `count` evenly spaced numbers from min to max (min alone when count is 1), rounded to `digits` significant digits. */
export function evenlySpaced(min: number, max: number, count: number, digits: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((min + ((max - min) * i) / Math.max(count - 1, 1)).toPrecision(digits)));
}

/** `count` evenly spaced values from min to max, rounded to `digits` significant digits. */
export function linear(min: number, max: number, count: number, digits = 3): ParameterSpec<number> {
  const values = evenlySpaced(min, max, count, digits);
  return spec([...new Set(values)], `${count} values ${min}..${max}`, parseNumber);
}

/** Log-spaced values from min to max, `perDecade` per factor of 10, rounded to 2 significant digits. */
export function logarithmic(min: number, max: number, perDecade = 3): ParameterSpec<number> {
  const count = Math.max(2, Math.round(Math.log10(max / min) * perDecade) + 1);
  const values = Array.from({ length: count }, (_, i) => Number((min * Math.pow(max / min, i / (count - 1))).toPrecision(2)));
  return spec([...new Set(values)], `log grid ${min}..${max}`, parseNumber);
}

/** A fixed value (a condition of the claim rather than a drawn parameter). */
export function fixed<T extends ParameterValue>(value: T): ParameterSpec<T> {
  return spec([value], `fixed ${String(value)}`, (text, name) => {
    const parsed = (typeof value === 'number' ? parseNumber(text, name) : typeof value === 'boolean' ? text === 'true' : text) as T;
    return parsed;
  });
}

/** One of a set of named options, first is the simplest. */
export function choice<T extends string>(options: readonly T[]): ParameterSpec<T> {
  return spec(options, `one of ${options.join(', ')}`, (text, name) => {
    if (!options.includes(text as T)) throw new InvalidParameterError(name, text, `one of ${options.join(', ')}`);
    return text as T;
  });
}

/** A claim's parameter domain: one ParameterSpec per parameter. */
export type Domain<P> = { readonly [K in keyof P]: P[K] extends ParameterValue ? ParameterSpec<P[K]> : never };

/** The fast-check arbitrary of a whole domain: a record, plus the run seed that every measurement uses. */
export function domainArbitrary<P extends Record<string, ParameterValue>>(domain: Domain<P>): fc.Arbitrary<P & { seed: number }> {
  const fields: Record<string, fc.Arbitrary<ParameterValue>> = {};
  for (const [name, parameter] of Object.entries(domain) as [string, ParameterSpec][]) fields[name] = parameter.arbitrary();
  fields.seed = fc.integer({ min: 0, max: 999_999 });
  return fc.record(fields) as unknown as fc.Arbitrary<P & { seed: number }>;
}
