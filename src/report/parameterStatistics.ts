import type { RunRecord } from '../claims/result.ts';
import { median } from '../claims/statistics.ts';

export type ParameterStatistics =
  | { name: string; kind: 'numeric'; count: number; distinct: number; min: number; median: number; mean: number; max: number }
  | { name: string; kind: 'categorical'; count: number; distinct: number; counts: { value: string; count: number }[] };

/**
 * What was actually drawn, parameter by parameter, over the runs that count (not the runs
 * fast-check made while shrinking): a domain that is wide on paper may have been sampled narrowly.
 */
export function parameterStatistics(samples: readonly RunRecord[]): ParameterStatistics[] {
  const counted = samples.filter((s) => !s.shrinking);
  const names = [...new Set(counted.flatMap((s) => Object.keys(s.params)))].filter((n) => n !== 'seed');
  return names.map((name) => {
    const values = counted.map((s) => (s.params as Record<string, unknown>)[name]).filter((v) => v !== undefined);
    const distinct = new Set(values.map((v) => JSON.stringify(v))).size;
    if (values.length && values.every((v): v is number => typeof v === 'number')) {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return {
        name,
        kind: 'numeric',
        count: values.length,
        distinct,
        min: values.reduce((a, b) => Math.min(a, b)),
        median: median(values),
        mean,
        max: values.reduce((a, b) => Math.max(a, b)),
      };
    }
    const tally = new Map<string, number>();
    for (const v of values) tally.set(String(v), (tally.get(String(v)) ?? 0) + 1);
    return {
      name,
      kind: 'categorical',
      count: values.length,
      distinct,
      counts: [...tally].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
    };
  });
}
