import type { PaperReference } from '../../claims/claim.ts';
import type { ClaimResult } from '../../claims/result.ts';
import { anchorFor } from './anchors.ts';
import { html, type SafeHtml } from './escape.ts';
import { formatParams, formatPercent } from './format.ts';
import { outcomeOf, statusLabel, worstTone, type Outcome, type Tone } from './outcome.ts';

/** A claim's results split the way a reader asks about them. */
export interface ClaimParts {
  readonly id: string;
  readonly first: ClaimResult;
  readonly holding: ClaimResult | null;
  readonly examples: ClaimResult[];
  readonly predicted: ClaimResult[];
  readonly probes: ClaimResult[];
  readonly all: readonly ClaimResult[];
}

export function claimParts(results: readonly ClaimResult[]): ClaimParts {
  const examples = results.filter((r) => r.regime.startsWith('example:'));
  const rest = results.filter((r) => !r.regime.startsWith('example:'));
  return {
    id: results[0].id,
    first: results[0],
    holding: rest.find((r) => r.regime === 'holding-domain') ?? null,
    examples,
    predicted: rest.filter((r) => r.regime !== 'holding-domain' && r.expected === 'fails'),
    probes: rest.filter((r) => r.regime !== 'holding-domain' && r.expected === 'probe'),
    all: results,
  };
}

/** The claim as a whole: red if anything is not as expected, amber if inconclusive; probes only inform. */
export function claimOutcome(parts: ClaimParts): Outcome {
  const judged = parts.all.filter((r) => r.expected !== 'probe');
  const tone = worstTone(judged.map((r) => outcomeOf(r).tone));
  if (tone === 'bad') return { tone, label: 'not as expected' };
  if (tone === 'warn')
    return {
      tone,
      label: parts.holding && outcomeOf(parts.holding).tone === 'warn' ? 'inconclusive in its holding domain' : 'inconclusive',
    };
  if (!parts.holding) return { tone, label: 'as expected' };
  return { tone, label: parts.predicted.length ? 'holds; failures as predicted' : 'holds' };
}

/** `19/20 runs pass, 95.0% [76.4%, 99.1%] against the 80% it promises` */
export function passRateWords(r: ClaimResult): string {
  const runs = `${r.passes}/${r.runs} run${r.runs === 1 ? '' : 's'} pass`;
  if (r.kind === 'deterministic') return `${runs} (deterministic: one failure is a counterexample)`;
  const interval = r.interval ? ` [${formatPercent(r.interval[0])}, ${formatPercent(r.interval[1])}]` : '';
  return `${runs}, ${formatPercent(r.passRate)}${interval} against the ${formatPercent(r.threshold)} it promises`;
}

function shortParams(params: Record<string, unknown>): string {
  const text = formatParams(params);
  return text.length > 90 ? `${text.slice(0, 88)}…` : text;
}

function regimeLink(r: ClaimResult): SafeHtml {
  return html`<a href="#${anchorFor(r.id, r.regime)}">${r.regime.replace(/^example:/, '')}</a>`;
}

function line(tone: Tone, label: string, body: SafeHtml | string): SafeHtml {
  return html`<li class="fact tone-${tone}"><span class="fact-label">${label}</span> ${body}</li>`;
}

function holdingLine(parts: ClaimParts): SafeHtml {
  const h = parts.holding;
  if (!h) return line('warn', 'Holding domain:', 'not run (only examples or failure regimes in this run)');
  const o = outcomeOf(h);
  const ce = h.counterexample && o.tone !== 'ok' ? html`; counterexample <code>${shortParams(h.counterexample.params)}</code>` : '';
  return line(
    o.tone,
    'Holding domain:',
    html`${statusLabel(o)} — ${passRateWords(h)}${ce}. <a href="#${anchorFor(h.id, h.regime)}">details</a>`,
  );
}

function listLine(label: string, results: readonly ClaimResult[], confirmedWord: string): SafeHtml {
  const outcomes = results.map((r) => ({ r, o: outcomeOf(r) }));
  const good = outcomes.filter(({ o }) => o.tone === 'ok').length;
  const tone = worstTone(outcomes.map(({ o }) => o.tone));
  return line(
    tone,
    label,
    html`${good} of ${results.length} ${confirmedWord}: ${outcomes.map(({ r, o }, i) => html`${i ? '; ' : ''}${regimeLink(r)}${o.tone === 'ok' ? '' : html` (${statusLabel(o)})`}`)}.`,
  );
}

function probeLine(probes: readonly ClaimResult[]): SafeHtml {
  return line(
    'warn',
    'Probes:',
    html`${probes.map((r, i) => {
      const o = outcomeOf(r);
      return html`${i ? '; ' : ''}${regimeLink(r)}: ${o.label.replace(/^probe: /, '')}${r.counterexample ? html` at <code>${shortParams(r.counterexample.params)}</code>` : ''}`;
    })}.`,
  );
}

/** Findings the reader should not miss, from any regime that is not already marked as unexpected. */
function findingLines(parts: ClaimParts): SafeHtml[] {
  return parts.all
    .filter((r) => r.finding)
    .map((r) => {
      const o = outcomeOf(r);
      return line(
        o.tone === 'bad' ? 'bad' : 'warn',
        o.tone === 'bad' ? 'Not as expected:' : 'Finding:',
        html`${regimeLink(r)} — ${r.finding}`,
      );
    });
}

/** One row of the scorecard: what holds, which predicted failures were found, what else turned up. */
export function scorecardRow(parts: ClaimParts): SafeHtml {
  const outcome = claimOutcome(parts);
  const unexpected = parts.all.filter((r) => outcomeOf(r).tone === 'bad' && !r.finding);
  return html`<div class="score-row tone-${outcome.tone}" data-claim="${parts.id}" data-tone="${outcome.tone}">
<div class="score-head">${statusLabel(outcome)} <a class="score-title" href="#${anchorFor(parts.id)}">${parts.first.title}</a> <code class="claim-id">${parts.id}</code></div>
<ul class="facts-list">
${holdingLine(parts)}
${parts.examples.length ? listLine('Examples:', parts.examples, 'as expected') : ''}
${parts.predicted.length ? listLine('Predicted failures:', parts.predicted, 'confirmed') : ''}
${parts.probes.length ? probeLine(parts.probes) : ''}
${unexpected.map((r) => line('bad', 'Not as expected:', html`${regimeLink(r)} — ${outcomeOf(r).label}`))}
${findingLines(parts)}
</ul>
</div>`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The paper's verdict in one sentence, counted from its results. */
export function paperSummary(claims: readonly ClaimParts[]): string {
  const holding = claims.map((c) => (c.holding ? outcomeOf(c.holding) : null));
  const holds = holding.filter((o) => o?.label === 'holds').length;
  const inconclusive = holding.filter((o) => o?.tone === 'warn').length;
  const failsHolding = holding.filter((o) => o?.tone === 'bad').length;
  const predicted = claims.flatMap((c) => c.predicted);
  const confirmed = predicted.filter((r) => outcomeOf(r).tone === 'ok').length;
  const probes = claims.flatMap((c) => c.probes);
  const probeHits = probes.filter((r) => r.verdict === 'fails').length;
  const unexpected = claims.flatMap((c) => c.all).filter((r) => outcomeOf(r).tone === 'bad').length;
  const parts = [`${holds} hold${holds === 1 ? 's' : ''} in ${holds === 1 ? 'its' : 'their'} holding domain`];
  if (inconclusive) parts.push(`${inconclusive} ${inconclusive === 1 ? 'is' : 'are'} inconclusive`);
  if (failsHolding)
    parts.push(`${failsHolding} ${failsHolding === 1 ? 'fails' : 'fail'} where ${failsHolding === 1 ? 'it' : 'they'} should hold`);
  const tail = [
    predicted.length
      ? `${confirmed} of ${plural(predicted.length, 'predicted failure')} ${predicted.length === 1 ? 'was' : 'were'} confirmed`
      : 'no failure was predicted',
    probes.length ? `${probeHits} of ${plural(probes.length, 'probe')} found a counterexample` : '',
    unexpected ? `${plural(unexpected, 'result')} ${unexpected === 1 ? 'is' : 'are'} not as expected` : 'every other result is as expected',
  ].filter(Boolean);
  const head = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `Of ${plural(claims.length, 'claim')}, ${head}; ${tail.slice(0, -1).join(', ')}${tail.length > 1 ? ', and ' : ''}${tail[tail.length - 1]}.`;
}

/** One paper's block: title and link, the summary sentence, a row per claim, then its headline figures. */
export function paperBlock(paper: PaperReference, claims: readonly ClaimParts[], figures: readonly SafeHtml[]): SafeHtml {
  const tone = worstTone(claims.map((c) => claimOutcome(c).tone));
  return html`<section class="paper tone-${tone}" id="paper-${paper.id}" data-paper="${paper.id}">
<h3>${paper.title}</h3>
<p class="paper-ref">${paper.authors} · <a href="${`https://arxiv.org/abs/${paper.arxiv}`}">arXiv ${paper.arxiv}</a> · <code>${paper.id}</code></p>
<p class="paper-summary">${paperSummary(claims)}</p>
${claims.map(scorecardRow)}
${figures.length ? html`<h4 class="headline-title">Headline figures</h4><div class="charts headline-figures">${figures}</div>` : ''}
</section>`;
}
