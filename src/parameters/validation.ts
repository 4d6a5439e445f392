import { formatValue } from './formatValue.ts';

/**
 * Bad input is reported by naming the parameter and the constraint it broke; the CLI turns
 * this error into one line on stderr and exit code 2.
 */
export class InvalidParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly constraint: string,
  ) {
    super(`invalid ${parameter}: ${formatValue(value, 'exact')} (must be ${constraint})`);
    this.name = 'InvalidParameterError';
  }
}

/** Bad input that is not one parameter: a malformed file, an unknown claim, a bad config. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function invalidParameter(parameter: string, value: unknown, constraint: string): never {
  throw new InvalidParameterError(parameter, value, constraint);
}

export function requireInteger(parameter: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalidParameter(parameter, value, max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`);
  }
  return value;
}

export function requireNumber(
  parameter: string,
  value: number,
  options: { min?: number; max?: number; exclusiveMin?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, exclusiveMin = false } = options;
  const tooLow = exclusiveMin ? value <= min : value < min;
  if (typeof value !== 'number' || !Number.isFinite(value) || tooLow || value > max) {
    const parts: string[] = ['a finite number'];
    if (min > -Infinity) parts.push(`${exclusiveMin ? '>' : '≥'} ${min}`);
    if (max < Infinity) parts.push(`≤ ${max}`);
    invalidParameter(parameter, value, parts.join(' '));
  }
  return value;
}
