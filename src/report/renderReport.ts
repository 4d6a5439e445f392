import type { ClaimResult } from '../claims/result.ts';
import type { ResultsFile } from './reportModel.ts';
import { sortResults } from './resultsFile.ts';
import { claimSection, type DrawnCharts } from './html/claimSection.ts';
import { html, trusted } from './html/escape.ts';
import { formatDuration } from './html/format.ts';
import { headlineFigures } from './html/headlineFigures.ts';
import { provenanceSection } from './html/provenanceSection.ts';
import { claimParts, paperBlock } from './html/scorecard.ts';
import { corpusSection, experimentsSection, orphanMapsSection } from './html/studySections.ts';
import { STYLES } from './html/styles.ts';
import { summaryCounts, summarySection } from './html/summarySection.ts';

/**
 * The whole report as one HTML string: no script, stylesheet, font or image from outside the
 * file (the Content-Security-Policy forbids any), charts as inline SVG with their data as JSON.
 * It reads top-down as a researcher asks: per paper, what holds and what breaks (the scorecard)
 * and the paper's headline figures; then each claim's evidence, collapsed until asked for.
 */
export async function renderReport(file: ResultsFile): Promise<string> {
  const claims = sortResults(file.claims);
  const byClaim = new Map<string, ClaimResult[]>();
  for (const r of claims) byClaim.set(r.id, [...(byClaim.get(r.id) ?? []), r]);
  const maps = file.maps ?? [];
  const experiments = file.experiments ?? [];
  const orphanMaps = maps.filter((m) => !byClaim.has(m.claimId));
  // Papers in their stated `order` (zhang2025 first), then by id.
  const paperOrder = (id: string) => claims.find((c) => c.paper.id === id)?.paper.order ?? Infinity;
  const paperIds = [...new Set(claims.map((c) => c.paper.id))].sort((a, b) => paperOrder(a) - paperOrder(b) || a.localeCompare(b));
  const drawn: DrawnCharts = new Map();
  const papers = await Promise.all(
    paperIds.map(async (paperId) => {
      const ids = [...byClaim.keys()].filter((id) => byClaim.get(id)![0].paper.id === paperId);
      const sections = await Promise.all(
        ids.map((id) =>
          claimSection(
            byClaim.get(id)!,
            maps.filter((m) => m.claimId === id),
            drawn,
          ),
        ),
      );
      const figures = await headlineFigures(paperId, claims, maps, experiments);
      const parts = ids.map((id) => claimParts(byClaim.get(id)!));
      return { paper: parts[0].first.paper, block: paperBlock(parts[0].first.paper, parts, figures), sections };
    }),
  );
  const p = file.provenance;
  const counts = summaryCounts(claims);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>theorycheck report — ${counts.results} claim regimes, ${counts.unexpected} unexpected${p.partial ? ' (partial)' : ''}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
<main>
<header class="report-header">
<h1>theorycheck verification report</h1>
<p class="muted">${counts.claims} claims of ${papers.length} paper${papers.length === 1 ? '' : 's'}, ${counts.results} claim regimes, ${counts.runs} runs: <strong>${counts.asExpected} as expected, ${counts.unexpected} not</strong>. Profile ${p.profile}, seed ${p.seed}, ${p.finishedAt.slice(0, 16).replace('T', ' ')} UTC, took ${formatDuration(p.durationMs)}. <a href="#claims">Details</a> · <a href="#summary">All regimes</a> · <a href="#provenance">Provenance</a></p>
${p.partial ? html`<div class="banner banner-partial" id="partial-banner" role="alert">PARTIAL RUN — the run stopped early (interrupted or out of time). Some claims are missing or were cut short; the verdicts below cover only what ran.</div>` : ''}
${counts.unexpected ? html`<div class="banner banner-unexpected">${counts.unexpected} of ${counts.results} results differ from what their claims expect — see the rows marked ✗.</div>` : ''}
</header>
<section id="scorecard">
<h2>Scorecard</h2>
<p class="legend"><span class="status status-ok"><span aria-hidden="true">✓</span> as expected</span> holds where it should, or fails as predicted · <span class="status status-warn"><span aria-hidden="true">?</span> inconclusive or probe</span> · <span class="status status-bad"><span aria-hidden="true">✗</span> not as expected</span></p>
${papers.length ? papers.map((x) => x.block) : html`<p>No claim results in this run.</p>`}
</section>
${
  byClaim.size
    ? html`<section id="claims"><h2>Claims in detail</h2><p class="muted">Each claim opens to its statement, provenance and pass condition, then one block per regime: outcome, counterexample and replay command first, tables and further charts behind “more”.</p>
${papers.map((x) => html`<h3 class="paper-details-title">${x.paper.title} <span class="muted">(${x.paper.id})</span></h3>${x.sections}`)}</section>`
    : ''
}
${await orphanMapsSection(orphanMaps)}
${await experimentsSection(experiments)}
${summarySection(claims)}
${corpusSection(file.corpus ?? [])}
${provenanceSection(p)}
</main>
</body>
</html>
`.value;
}
