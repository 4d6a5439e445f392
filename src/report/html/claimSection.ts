import type { ClaimResult } from '../../claims/result.ts';
import type { RegimeMap } from '../reportModel.ts';
import { claimCharts } from '../charts/claimCharts.ts';
import { renderFigure, type ChartSpec } from '../charts/renderChart.ts';
import { parameterStatistics } from '../parameterStatistics.ts';
import { anchorFor } from './anchors.ts';
import { breakdownBlock } from './breakdown.ts';
import { html, type SafeHtml } from './escape.ts';
import { formatDuration, formatNumber, formatPercent, formatValue } from './format.ts';
import { mapBlock } from './studySections.ts';
import { outcomeOf, statusLabel } from './outcome.ts';
import { claimOutcome, claimParts } from './scorecard.ts';
import { intervalText, runsText, verdictBadge } from './summarySection.ts';

const PROVENANCE_WORDS: Record<string, string> = {
  quoted: 'Quoted from the paper',
  derived: 'Derived from the definitions',
  reconstructed: 'Reconstructed — not the paper’s words',
  simulated: 'Simulated setting',
};

function provenanceBlock(result: ClaimResult): SafeHtml {
  const kind = result.provenance.kind;
  const note =
    kind === 'reconstructed'
      ? html`<p>This statement, its conditions and thresholds are a <strong>reconstruction</strong>, not quoted from the paper. If the check fails, suspect the reconstruction first.</p>`
      : kind === 'quoted'
        ? ''
        : html`<p>Not quoted from the paper.</p>`;
  return html`<div class="provenance provenance-${kind}" data-provenance="${kind}">
<span class="tag tag-provenance">${PROVENANCE_WORDS[kind] ?? kind}</span> <span class="muted">Source: ${result.provenance.source}</span>${note}
</div>`;
}

function keyValueTable(entries: readonly [string, unknown][], className = 'kv'): SafeHtml {
  return html`<table class="${className}"><tbody>${entries.map(([k, v]) => html`<tr><th>${k}</th><td><code>${formatValue(v)}</code></td></tr>`)}</tbody></table>`;
}

function statisticsTable(result: ClaimResult): SafeHtml {
  const stats = parameterStatistics(result.samples);
  if (!stats.length) return html`<p class="muted">No runs recorded.</p>`;
  const counted = result.samples.filter((s) => !s.shrinking).length;
  return html`<table class="stats">
<caption>Parameters actually drawn (${counted} runs${result.samples.length > counted ? `, ${result.samples.length - counted} shrinking runs left out` : ''})</caption>
<thead><tr><th>parameter</th><th>distinct</th><th>min</th><th>median</th><th>mean</th><th>max</th></tr></thead>
<tbody>${stats.map((s) =>
    s.kind === 'numeric'
      ? html`<tr><th>${s.name}</th><td class="num">${s.distinct}</td><td class="num">${formatNumber(s.min)}</td><td class="num">${formatNumber(s.median)}</td><td class="num">${formatNumber(s.mean)}</td><td class="num">${formatNumber(s.max)}</td></tr>`
      : html`<tr><th>${s.name}</th><td class="num">${s.distinct}</td><td colspan="4">${s.counts.map((c, i) => html`${i ? ', ' : ''}<code>${c.value}</code> ×${c.count}`)}</td></tr>`,
  )}</tbody>
</table>`;
}

// Arrays (curves, matrices) are charted elsewhere; the table shows the rest.
function measurementsWithoutArrays(measured: Record<string, unknown> | null): [string, unknown][] {
  return Object.entries(measured ?? {}).filter(([, v]) => !Array.isArray(v));
}

/** A stochastic holding domain's failing run is one draw of its pass rate, not a counterexample to the claim. */
function sampledFailure(result: ClaimResult): boolean {
  return result.kind === 'stochastic' && result.regime === 'holding-domain';
}

function counterexampleBlock(result: ClaimResult): SafeHtml {
  const ce = result.counterexample;
  if (!ce) return html``;
  return html`<div class="counterexample">
<h5>${sampledFailure(result) ? 'A failing run (a stochastic claim allows some; the verdict is the pass rate’s)' : 'Counterexample'}${ce.shrinks ? ` (after ${ce.shrinks} shrinks)` : ''}</h5>
<p><code class="params">${Object.entries(ce.params)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(', ')}</code></p>
${ce.detail ? html`<p>${ce.detail}</p>` : ''}
<p>Seed <code>${ce.params.seed}</code>${ce.fastCheck ? html`; fast-check seed <code>${ce.fastCheck.seed}</code>${ce.fastCheck.path ? html`, path <code>${ce.fastCheck.path}</code>` : ''}` : ''}. Replay:</p>
<pre class="replay"><code>${ce.replay}</code></pre>
${measurementsWithoutArrays(ce.measured).length ? html`<details><summary>Measured on ${sampledFailure(result) ? 'this run' : 'the counterexample'}</summary>${keyValueTable(measurementsWithoutArrays(ce.measured))}</details>` : ''}
</div>`;
}

/** The chart shown on a regime's first screen; the others wait behind "more". */
function isPrimary(chart: ChartSpec): boolean {
  return chart.title.startsWith('Stable rank against');
}

/**
 * Charts already drawn elsewhere in the report (chart → the regime anchor that shows it): claims
 * that share a training run (run A feeds C4–C8) would otherwise draw the same figures five times.
 */
export type DrawnCharts = Map<string, { anchor: string; where: string }>;

function drawOnce(chart: ChartSpec, result: ClaimResult, drawn: DrawnCharts): Promise<SafeHtml> | SafeHtml {
  const key = JSON.stringify([chart.title, chart.spec]);
  const earlier = drawn.get(key);
  if (earlier)
    return html`<p class="same-chart muted">${chart.title}: the same chart as in <a href="#${earlier.anchor}">${earlier.where}</a> (the same runs).</p>`;
  drawn.set(key, { anchor: anchorFor(result.id, result.regime), where: `${result.id} [${result.regime}]` });
  return renderFigure(chart, { data: false });
}

async function regimeBlock(result: ClaimResult, drawn: DrawnCharts): Promise<SafeHtml> {
  const charts = claimCharts(result);
  const primary = charts.find(isPrimary) ?? null;
  const secondary = charts.filter((c) => c !== primary);
  // Registered in document order before the first await, so which copy is drawn is deterministic.
  const [first, ...rest] = await Promise.all(
    [primary, ...secondary].filter((c): c is ChartSpec => c !== null).map((c) => drawOnce(c, result, drawn)),
  );
  const shown = primary ? [first] : [];
  const hidden = primary ? rest : [first, ...rest].filter(Boolean);
  const outcome = outcomeOf(result);
  return html`<article class="regime tone-${outcome.tone}" id="${anchorFor(result.id, result.regime)}" data-verdict="${result.verdict}" data-tone="${outcome.tone}">
<h4>${result.regime} ${statusLabel(outcome)}</h4>
${result.regimeWhy ? html`<p class="why">Why it should fail here: ${result.regimeWhy}</p>` : ''}
${result.finding ? html`<p class="finding"><strong>Finding:</strong> ${result.finding}</p>` : ''}
${result.interrupted ? html`<p class="finding">The claim’s time limit ended the search before its planned runs.</p>` : ''}
<dl class="facts">
<dt>expected</dt><dd>${EXPECTED_WORDS[result.expected]}</dd>
<dt>observed</dt><dd>${verdictBadge(result.verdict)} ${runsText(result)}</dd>
<dt>pass rate [${result.kind === 'stochastic' && result.regime === 'holding-domain' ? 'anytime-valid interval' : 'Wilson 95%'}]</dt><dd>${intervalText(result)}${result.kind === 'stochastic' ? ` against threshold ${formatPercent(result.threshold)}` : ' (deterministic: one failure is a counterexample)'}</dd>
<dt>seed</dt><dd><code>${result.seed}</code>; ${result.backend} <span class="muted">(${result.device})</span>; ${formatDuration(result.durationMs)}, profile ${result.profile}</dd>
</dl>
${counterexampleBlock(result)}
${shown}
${breakdownBlock(result)}
<details class="more"><summary>Parameter domain, drawn values${hidden.length ? ` and ${hidden.length} more chart${hidden.length === 1 ? '' : 's'}` : ''}</summary>
<div class="columns">
<div><h5>Parameter domain</h5>${keyValueTable(Object.entries(result.domain))}</div>
<div><h5>Drawn</h5>${statisticsTable(result)}</div>
</div>
${hidden.length ? html`<div class="charts">${hidden}</div>` : ''}
</details>
</article>`;
}

const EXPECTED_WORDS: Record<ClaimResult['expected'], string> = {
  holds: 'holds (the claim’s holding domain or an example)',
  fails: 'fails (a predicted failure: a counterexample must be found)',
  probe: 'probe (the claim says nothing here; whatever is found is reported)',
};

/**
 * One claim, collapsed: its summary line carries the outcome; opened, what it says and where that
 * comes from, then each regime it was checked over, then its regime maps.
 */
export async function claimSection(
  results: readonly ClaimResult[],
  maps: readonly RegimeMap[],
  drawn: DrawnCharts = new Map(),
): Promise<SafeHtml> {
  const first = results[0];
  const regimes = await Promise.all(results.map((r) => regimeBlock(r, drawn)));
  const mapBlocks = await Promise.all(maps.map(mapBlock));
  const outcome = claimOutcome(claimParts(results));
  return html`<details class="claim tone-${outcome.tone}" id="${anchorFor(first.id)}" data-claim="${first.id}">
<summary>${statusLabel(outcome)} <span class="claim-title">${first.title}</span> <code class="claim-id">${first.id}</code> <span class="muted">${results.length} regime${results.length === 1 ? '' : 's'}</span></summary>
<div class="claim-body">
<p class="paper">${first.paper.authors}, <em>${first.paper.title}</em>, <a href="${`https://arxiv.org/abs/${first.paper.arxiv}`}">arXiv ${first.paper.arxiv}</a>${first.paper.where ? `, ${first.paper.where}` : ''}</p>
<blockquote class="statement">${first.statement}</blockquote>
${provenanceBlock(first)}
${first.conditions.length ? html`<h5>Conditions</h5><ul>${first.conditions.map((c) => html`<li>${c}</li>`)}</ul>` : ''}
<p><strong>Pass condition:</strong> ${first.passCondition} <span class="muted">(${first.kind}${first.kind === 'stochastic' ? `, promised pass rate ${formatPercent(first.threshold)}` : ''})</span></p>
${regimes}
${mapBlocks}
</div>
</details>`;
}
