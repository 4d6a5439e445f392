import type { ConditionCurve, ExploreAxis } from '../claims/claim.ts';
import type { ParameterValue } from '../parameters/parameter.ts';

/** A stated condition that bounds one parameter: `noise ≤ 0.5` is `{ noise: { at: 0.5, label: 'σp√d ≤ 0.5' } }`. */
export type ParameterBounds = Record<string, { at: number; label: string }>;

function span(axis: ExploreAxis): [number, number] | null {
  const numbers = axis.values.filter((v): v is number => typeof v === 'number');
  return numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : null;
}

/**
 * The most common stated condition, a bound on one parameter, as a `conditionCurves`
 * implementation: a vertical line when the bounded parameter is the map's x, a horizontal one
 * when it is y, spanning the other axis. A claim wires it in one line:
 * `conditionCurves: parameterBounds({ noise: { at: 0.5, label: 'σp√d ≤ 0.5' } })`.
 */
export function parameterBounds(bounds: ParameterBounds) {
  return (x: ExploreAxis, y: ExploreAxis, _rest: Readonly<Record<string, ParameterValue>>): ConditionCurve[] => {
    const curves: ConditionCurve[] = [];
    const xs = span(x);
    const ys = span(y);
    const onX = bounds[x.name];
    const onY = bounds[y.name];
    if (onX && ys)
      curves.push({
        label: onX.label,
        points: [
          { x: onX.at, y: ys[0] },
          { x: onX.at, y: ys[1] },
        ],
      });
    if (onY && xs)
      curves.push({
        label: onY.label,
        points: [
          { x: xs[0], y: onY.at },
          { x: xs[1], y: onY.at },
        ],
      });
    return curves;
  };
}
