import type { ClaimResult } from '../../claims/result.ts';
import { html, type SafeHtml } from './escape.ts';
import { formatDuration, formatPercent } from './format.ts';
import { anchorFor } from './anchors.ts';
import { countOutcomes } from '../outcomeCounts.ts';

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

export function verdictBadge(verdict: string): SafeHtml {
  return html`<span class="verdict verdict-${verdict}">${verdict}</span>`;
}

export function expectationMark(result: ClaimResult): SafeHtml {
  if (result.asExpected && result.stoppedBy) return html`<span class="interrupted" title="the run was stopped (${result.stoppedBy}) before this regime finished">⏸ interrupted</span>`;
  return result.asExpected ? html`<span class="as-expected" title="the verdict is what the claim expects here">✓ as expected</span>` : html`<span class="unexpected" title="the verdict differs from what the claim expects here">✗ unexpected</span>`;
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

export function summarySection(claims: readonly ClaimResult[]): SafeHtml {
  const c = summaryCounts(claims);
  const rows = claims.map(
    (r) => html`<tr data-claim="${r.id}" data-regime="${r.regime}" data-verdict="${r.verdict}" class="${r.asExpected ? '' : 'row-unexpected'}">
<td><a href="#${anchorFor(r.id, r.regime)}"><code>${r.id}</code></a><div class="muted">${r.title}</div></td>
<td>${r.paper.id}<div class="muted">arXiv ${r.paper.arxiv}</div></td>
<td>${r.regime}${r.interrupted ? html` <span class="tag tag-warn">cut short</span>` : ''}</td>
<td>${r.expected}</td>
<td>${verdictBadge(r.verdict)}</td>
<td>${expectationMark(r)}</td>
<td class="num">${intervalText(r)}${r.kind === 'stochastic' ? html`<div class="muted">threshold ${formatPercent(r.threshold)}</div>` : ''}</td>
<td class="num">${runsText(r)}</td>
<td class="num">${formatDuration(r.durationMs)}</td>
</tr>`,
  );
  return html`<section id="summary">
<h2>Summary</h2>
<div class="counts">
${count('claims', c.claims, 'claims')}${count('results', c.results, 'claim regimes')}${count('holds', c.holds, 'hold')}${count('fails', c.fails, 'fail')}${count('inconclusive', c.inconclusive, 'inconclusive')}${count('asExpected', c.asExpected, 'as expected')}${count('unexpected', c.unexpected, 'unexpected')}${c.interrupted ? count('interrupted', c.interrupted, 'interrupted') : ''}${count('runs', c.runs, 'runs')}
</div>
<p class="muted">A claim is checked over its holding domain (where it should hold), its examples, and its failure regimes (where it should fail). “Expected” is what the claim says should happen in that regime; the verdict is what was observed. Pass rates carry a Wilson 95% interval.</p>
${claims.length ? html`<table class="summary">
<thead><tr><th>claim</th><th>paper</th><th>regime</th><th>expected</th><th>verdict</th><th></th><th>pass rate [95%]</th><th>runs</th><th>time</th></tr></thead>
<tbody>${rows}</tbody>
</table>` : html`<p>No claim results in this run.</p>`}
</section>`;
}
