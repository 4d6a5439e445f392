import type { ParameterValue } from './parameter.ts';

/**
 * A grid in one short line: every value when there are at most `max`, else the first `head`,
 * an ellipsis, the last `tail` and the count — `2, 3, 4, …, 40 (39 values)`.
 */
export function describeValues(
  values: readonly ParameterValue[],
  { max, head, tail }: { max: number; head: number; tail: number },
): string {
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, head).join(', ')}, …, ${values.slice(-tail).join(', ')} (${values.length} values)`;
}
