/**
 * P1-C6's alignment test, shared by every claim that must not mistake noise memorisation for
 * learning the intrinsic dimension: each entry is [criterion, violation], violation > 0 when broken.
 */
export const alignmentThresholds = { weightedMaxCosine: 0.85, signalFraction: 0.8 } as const;

export function alignmentViolations(
  m: { weightedMaxCosine: number; signalFraction: number; coverage: number[] },
  K: number,
  thresholds: { weightedMaxCosine: number; signalFraction: number } = alignmentThresholds,
): [string, number][] {
  return [
    [`weighted max-cos ≥ ${thresholds.weightedMaxCosine}`, thresholds.weightedMaxCosine - m.weightedMaxCosine],
    [`signal fraction ≥ ${thresholds.signalFraction}`, thresholds.signalFraction - m.signalFraction],
    [`coverage = K = ${K} for both classes`, (K - Math.min(...m.coverage)) / K],
  ];
}

/**
 * A claim's verdict from its [criterion, violation] list: it passes when no violation is positive,
 * its margin is minus the worst violation, and the detail names what broke before the summary.
 * `names: 'worst'` names only the single worst criterion, as `<criterion> violated (<summary>)`.
 */
export function verdictFromViolations(
  violations: readonly (readonly [string, number])[],
  summary: string,
  options: { names?: 'all-broken' | 'worst' } = {},
): { pass: boolean; margin: number; detail: string } {
  if (options.names === 'worst') {
    const [name, worst] = violations.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { pass: worst <= 0, margin: -worst, detail: worst > 0 ? `${name} violated (${summary})` : summary };
  }
  const broken = violations.filter(([, v]) => v > 0).map(([name]) => name);
  const worst = Math.max(...violations.map(([, v]) => v));
  return { pass: worst <= 0, margin: -worst, detail: broken.length ? `${broken.join('; ')} violated: ${summary}` : summary };
}
