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
