import type { ClaimResult } from '../claims/result.ts';

function percent(x: number): string {
  return (100 * x).toFixed(0);
}

/**
 * A stochastic holding domain's sequential verdict and its pass rates by parameter, as plain text
 * lines (the CLI prints them under the regime's line): how many runs the verdict needed and why
 * the runs stopped, then "q: 3 7/12 [26, 84]%, 4 30/30 [89, 100]%" per parameter with more than
 * one value, the parameters whose values differ significantly first.
 */
export function sequentialLines(result: ClaimResult): string[] {
  if (!result.sequential) return [];
  const { alpha, minRuns, maxRuns, runsNeeded } = result.sequential;
  const interval = result.interval ? ` [${percent(result.interval[0])}, ${percent(result.interval[1])}]%` : '';
  const lines = [
    `${result.passes}/${result.passes + result.failures} passed${interval} vs threshold ${result.threshold}; ${runsNeeded === null ? `undecided after ${result.runs} runs` : `decided after ${runsNeeded} runs`} (stopped: ${result.stopReason ?? 'run cap'}; runs ${minRuns}–${maxRuns}, α = ${alpha})`,
  ];
  const shown = [...(result.breakdown ?? [])]
    .filter((b) => b.values.length > 1)
    .sort((a, b) => Number(b.significant) - Number(a.significant));
  for (const b of shown) {
    lines.push(
      `${b.significant ? 'depends on ' : ''}${b.name}: ${b.values.map((v) => `${v.value} ${v.passes}/${v.runs} [${percent(v.interval[0])}, ${percent(v.interval[1])}]%`).join(', ')}`,
    );
  }
  return lines;
}
