import type { ClaimResult } from '../../claims/result.ts';
import { html, type SafeHtml } from './escape.ts';

function percent(x: number): string {
  return `${(100 * x).toFixed(0)}%`;
}

/**
 * A stochastic holding domain's sequential verdict (runs needed, why the runs stopped) and its pass
 * rate per value of each drawn parameter, with the anytime-valid interval; parameters whose values
 * differ significantly (Fisher's exact test, Holm-corrected) are marked. Empty for other regimes.
 */
export function breakdownBlock(result: ClaimResult): SafeHtml {
  if (!result.sequential) return html``;
  const { alpha, minRuns, maxRuns, runsNeeded } = result.sequential;
  const rows = (result.breakdown ?? []).filter((b) => b.values.length > 1);
  return html`<div class="breakdown" data-stop="${result.stopReason ?? ''}">
<p>Sequential verdict: ${runsNeeded === null ? `undecided after ${result.runs} runs` : `decided after ${runsNeeded} runs`} (stopped: ${result.stopReason ?? 'run cap'}; ${minRuns}–${maxRuns} runs, α = ${alpha}).</p>
${
  rows.length
    ? html`<table class="stats breakdown-table"><caption>Pass rate by parameter value [anytime-valid interval]</caption>
<tbody>${rows.map((b) => html`<tr${b.significant ? html` class="significant"` : ''}><th>${b.name}${b.significant ? html` <strong>differs</strong>` : ''}</th><td>${b.values.map((v, i) => html`${i ? ', ' : ''}<code>${b.name}=${v.value}</code> ${v.passes}/${v.runs} [${percent(v.interval[0])}, ${percent(v.interval[1])}]${v.adjustedP !== null && b.values.length > 2 ? html` <span class="muted">p=${v.adjustedP.toPrecision(2)}</span>` : ''}`)}${b.values.length === 2 && b.values[0].adjustedP !== null ? html` <span class="muted">(Holm p = ${b.values[0].adjustedP.toPrecision(2)})</span>` : ''}</td></tr>`)}</tbody></table>`
    : ''
}
</div>`;
}
