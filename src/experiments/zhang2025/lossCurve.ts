/** At most `points` values of a loss trajectory for charts: evenly spaced steps, first and last kept. */
export function downsampleLossCurve(losses: readonly number[], points = 200): number[] {
  if (losses.length <= points) return [...losses];
  return Array.from({ length: points }, (_, i) => losses[Math.round((i * (losses.length - 1)) / (points - 1))]);
}

/** The largest one-step increase L(W_{t+1}) − L(W_t) along a trajectory (negative: always descending). */
export function largestLossIncrease(losses: readonly number[]): number {
  let worst = -Infinity;
  for (let t = 1; t < losses.length; t++) worst = Math.max(worst, losses[t] - losses[t - 1]);
  return worst;
}
