import type { ClaimResult } from '../../claims/result.ts';
import type { ExperimentReport, RegimeMap } from '../reportModel.ts';
import { claimCharts } from '../charts/claimCharts.ts';
import { mapChart } from '../charts/mapChart.ts';
import { renderFigure, type ChartSpec } from '../charts/renderChart.ts';
import type { SafeHtml } from './escape.ts';

interface Candidate {
  readonly caption: string;
  readonly order: number;
  readonly found: number;
  readonly chart: () => ChartSpec | null;
}

/** `zhang2025/mnist-noise-sweep` → `zhang2025`: studies and maps are named under their paper. */
export function paperOf(id: string): string {
  return id.split('/')[0];
}

/**
 * A paper's headline figures, in their order: maps and experiments that carry `headline`, and the
 * claim charts the paper names in `paper.headlines`. The one-line caption says what the figure
 * shows; the chart's own caption (how to read it) follows it.
 */
export async function headlineFigures(
  paperId: string,
  claims: readonly ClaimResult[],
  maps: readonly RegimeMap[],
  experiments: readonly ExperimentReport[],
): Promise<SafeHtml[]> {
  const candidates: Candidate[] = [];
  let found = 0;
  for (const map of maps) {
    if (map.headline && paperOf(map.claimId) === paperId)
      candidates.push({ caption: map.headline.caption, order: map.headline.order ?? Infinity, found: found++, chart: () => mapChart(map) });
  }
  for (const e of experiments) {
    const first = e.charts[0];
    if (e.headline && first && paperOf(e.id) === paperId)
      candidates.push({
        caption: e.headline.caption,
        order: e.headline.order ?? Infinity,
        found: found++,
        chart: () => ({ title: first.title, spec: first.spec }),
      });
  }
  const named = claims.find((c) => c.paper.id === paperId && c.paper.headlines?.length)?.paper.headlines ?? [];
  for (const h of named) {
    const result = claims.find((c) => c.id === h.claim && c.regime === h.regime);
    if (!result) continue;
    candidates.push({
      caption: h.caption,
      order: h.order ?? Infinity,
      found: found++,
      chart: () => claimCharts(result).find((c) => c.title === h.chart) ?? null,
    });
  }
  candidates.sort((a, b) => a.order - b.order || a.found - b.found);
  const figures: SafeHtml[] = [];
  for (const c of candidates) {
    const chart = c.chart();
    // The one-line caption leads; the chart's own reading hint follows when it is short (a map's is not).
    if (!chart) continue;
    const hint = chart.caption && chart.caption.length <= 140 ? `${chart.title}: ${chart.caption}` : chart.title;
    figures.push(await renderFigure({ title: c.caption, caption: hint, spec: chart.spec }, { variant: 'headline' }));
  }
  return figures;
}
