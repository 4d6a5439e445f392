import type { ClaimResult } from '../../claims/result.ts';
import { html, type SafeHtml } from './escape.ts';

/**
 * What a result means to a reader, which is not its verdict: a predicted failure that was found is
 * good news. `ok` (green): as expected — holds where it should, or fails as predicted. `bad`
 * (red): not as expected. `warn` (amber): inconclusive, or what a probe found.
 */
export type Tone = 'ok' | 'bad' | 'warn';

export interface Outcome {
  readonly tone: Tone;
  /** The same meaning in words, so that colour is never its only carrier. */
  readonly label: string;
}

const SYMBOLS: Record<Tone, string> = { ok: '✓', bad: '✗', warn: '?' };

/** The outcome of one claim regime, in words and tone. */
export function outcomeOf(result: ClaimResult): Outcome {
  // A regime the run stopped before it finished (a signal, the suite time budget) is not judged,
  // unless it went wrong before the stop (outcomeCounts.ts counts it the same way).
  const stoppedBy = (result as { stoppedBy?: unknown }).stoppedBy;
  if (typeof stoppedBy === 'string' && stoppedBy && result.asExpected) return { tone: 'warn', label: `interrupted (${stoppedBy})` };
  if (result.errors > 0) return { tone: 'bad', label: `${result.errors} run${result.errors === 1 ? '' : 's'} raised an error` };
  if (result.expected === 'probe') {
    if (result.verdict === 'fails') return { tone: 'warn', label: 'probe: counterexample found' };
    if (result.verdict === 'holds') return { tone: 'warn', label: 'probe: no counterexample found' };
    return { tone: 'warn', label: 'probe: inconclusive' };
  }
  if (result.verdict === 'inconclusive') return { tone: 'warn', label: 'inconclusive' };
  if (result.expected === 'fails')
    return result.verdict === 'fails'
      ? { tone: 'ok', label: 'fails as predicted' }
      : { tone: 'bad', label: 'predicted failure not observed' };
  return result.verdict === 'holds' ? { tone: 'ok', label: 'holds' } : { tone: 'bad', label: 'fails where it should hold' };
}

const RANK: Record<Tone, number> = { ok: 0, warn: 1, bad: 2 };

/** The worst of several tones (red over amber over green). */
export function worstTone(tones: readonly Tone[]): Tone {
  return tones.reduce<Tone>((worst, t) => (RANK[t] > RANK[worst] ? t : worst), 'ok');
}

/** A status label: symbol and words together, coloured by tone (the CSS keeps AA contrast). */
export function statusLabel(outcome: Outcome): SafeHtml {
  return html`<span class="status status-${outcome.tone}" data-tone="${outcome.tone}"><span aria-hidden="true">${SYMBOLS[outcome.tone]}</span> ${outcome.label}</span>`;
}
