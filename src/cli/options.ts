import { InvalidParameterError } from '../parameters/validation.ts';

/** Commander argument parsers that reject bad values with the parameter's name and constraint. */
export function integerOption(name: string, min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min)
      throw new InvalidParameterError(name, text, `an integer ≥ ${min}`);
    return value;
  };
}

export function numberOption(name: string, options: { min?: number; exclusiveMin?: boolean } = {}) {
  return (text: string): number => {
    const value = Number(text);
    const { min = -Infinity, exclusiveMin = false } = options;
    if (text.trim() === '' || !Number.isFinite(value) || (exclusiveMin ? value <= min : value < min)) {
      throw new InvalidParameterError(name, text, `a finite number${min > -Infinity ? ` ${exclusiveMin ? '>' : '≥'} ${min}` : ''}`);
    }
    return value;
  };
}

/** --time-budget accepts seconds (`90`, `90s`) or minutes (`5m`). */
export function durationOption(name: string) {
  return (text: string): number => {
    const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(text.trim());
    if (!match || Number(match[1]) <= 0) throw new InvalidParameterError(name, text, 'a positive duration such as 90, 90s or 5m');
    return Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000);
  };
}

/** A repeatable option (--set a=1 --set b=2) collected into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A probability strictly between 0 and 1 (--alpha). */
export function probabilityOption(name: string) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 1)
      throw new InvalidParameterError(name, text, 'a number in (0, 1)');
    return value;
  };
}
