import type { ClaimResult } from '../../claims/result.ts';
import { html, type SafeHtml } from './escape.ts';
import { formatDuration, formatPercent } from './format.ts';
import { anchorFor } from './anchors.ts';
import { countOutcomes } from '../outcomeCounts.ts';
import { outcomeOf, statusLabel } from './outcome.ts';

/** The counts a reader (and the browser test) checks against results.json. */
export function summaryCounts(claims: readonly ClaimResult[]) {
  const outcomes = countOutcomes(claims);
  return {
    claims: new Set(claims.map((c) => c.id)).size,
    results: claims.length,
    holds: claims.filter((c) => c.verdict === 'holds').length,
    fails: claims.filter((c) => c.verdict === 'fails').length,
    inconclusive: claims.filter((c) => c.verdict === 'inconclusive').length,
    asExpected: outcomes.asExpected,
    unexpected: outcomes.unexpected,
    interrupted: outcomes.interrupted,
    runs: claims.reduce((sum, c) => sum + c.runs, 0),
  };
}

/** The observed verdict as a neutral tag: whether it is good news is the outcome's job (outcome.ts). */
export function verdictBadge(verdict: string): SafeHtml {
  return html`<span class="verdict verdict-${verdict}">${verdict}</span>`;
}

export function intervalText(result: ClaimResult): string {
  if (result.passRate === null) return '—';
  const interval = result.interval ? ` [${formatPercent(result.interval[0])}, ${formatPercent(result.interval[1])}]` : '';
  return `${formatPercent(result.passRate)}${interval}`;
}

export function runsText(result: ClaimResult): string {
  const extra = [
    result.failures ? `${result.failures} failed` : '',
    result.diverged ? `${result.diverged} diverged` : '',
    result.timeouts ? `${result.timeouts} timed out` : '',
    result.errors ? `${result.errors} errors` : '',
  ].filter(Boolean);
  return `${result.passes}/${result.runs} passed${extra.length ? `; ${extra.join(', ')}` : ''}`;
}

function count(key: string, value: number, label: string): SafeHtml {
  return html`<div class="count count-${key}${value === 0 ? ' count-zero' : ''}" data-count="${key}"><span class="count-value">${value}</span><span class="count-label">${label}</span></div>`;
}

/**
 * Every claim regime in one table, with the run's counts above it; collapsed, since the scorecard
 * says the same per paper. Rows are coloured by outcome (as expected or not), not by verdict.
 */
export function summarySection(claims: readonly ClaimResult[]): SafeHtml {
  const c = summaryCounts(claims);
  const rows = claims.map((r) => {
    const outcome = outcomeOf(r);
    return html`<tr data-claim="${r.id}" data-regime="${r.regime}" data-verdict="${r.verdict}" class="tone-${outcome.tone}">
<td><a href="#${anchorFor(r.id, r.regime)}"><code>${r.id}</code></a><div class="muted">${r.regime}${r.interrupted ? html` <span class="tag tag-warn">cut short</span>` : ''}</div></td>
<td>${r.expected}</td>
<td>${verdictBadge(r.verdict)}</td>
<td>${statusLabel(outcome)}</td>
<td class="num">${intervalText(r)}${r.kind === 'stochastic' ? html`<div class="muted">threshold ${formatPercent(r.threshold)}</div>` : ''}</td>
<td class="num">${runsText(r)}<div class="muted">${formatDuration(r.durationMs)}</div></td>
</tr>`;
  });
  return html`<section id="summary">
<h2>All claim regimes</h2>
<div class="counts">
${count('claims', c.claims, 'claims')}${count('results', c.results, 'claim regimes')}${count('holds', c.holds, 'hold')}${count('fails', c.fails, 'fail')}${count('inconclusive', c.inconclusive, 'inconclusive')}${count('asExpected', c.asExpected, 'as expected')}${count('unexpected', c.unexpected, 'unexpected')}${c.interrupted ? count('interrupted', c.interrupted, 'interrupted') : ''}${count('runs', c.runs, 'runs')}
</div>
<p class="muted">A claim is checked over its holding domain (where it should hold), its examples, and its failure regimes (where it should fail). “Expected” is what the claim says should happen in that regime; the verdict is what was observed. A stochastic claim’s pass rate carries its anytime-valid confidence sequence (each side at level α, 5% by default), the interval its sequential verdict is read from; a deterministic claim’s carries a Wilson 95% interval, shown only.</p>
${
  claims.length
    ? html`<details class="more" id="all-regimes"><summary>The table of all ${c.results} claim regimes</summary><div class="table-scroll"><table class="summary">
<thead><tr><th>claim, regime</th><th>expected</th><th>verdict</th><th>outcome</th><th>pass rate [interval]</th><th>runs, time</th></tr></thead>
<tbody>${rows}</tbody>
</table></div></details>`
    : html`<p>No claim results in this run.</p>`
}
</section>`;
}
