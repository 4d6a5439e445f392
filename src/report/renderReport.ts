import type { ClaimResult } from '../claims/result.ts';
import type { ResultsFile } from './reportModel.ts';
import { sortResults } from './resultsFile.ts';
import { anchorFor } from './html/anchors.ts';
import { claimSection } from './html/claimSection.ts';
import { html, trusted } from './html/escape.ts';
import { formatDuration } from './html/format.ts';
import { provenanceSection } from './html/provenanceSection.ts';
import { corpusSection, experimentsSection, orphanMapsSection } from './html/studySections.ts';
import { STYLES } from './html/styles.ts';
import { summaryCounts, summarySection } from './html/summarySection.ts';

/**
 * The whole report as one HTML string: no script, stylesheet, font or image from outside the
 * file (the Content-Security-Policy forbids any), charts as inline SVG with their data as JSON.
 */
export async function renderReport(file: ResultsFile): Promise<string> {
  const claims = sortResults(file.claims);
  const byClaim = new Map<string, ClaimResult[]>();
  for (const r of claims) byClaim.set(r.id, [...(byClaim.get(r.id) ?? []), r]);
  const maps = file.maps ?? [];
  const orphanMaps = maps.filter((m) => !byClaim.has(m.claimId));
  const sections = await Promise.all([...byClaim].map(([id, results]) => claimSection(results, maps.filter((m) => m.claimId === id))));
  const p = file.provenance;
  const counts = summaryCounts(claims);
  const papers = [...new Set(claims.map((c) => c.paper.id))];
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
<p class="muted">${papers.length ? `Papers: ${papers.join(', ')}. ` : ''}Profile <strong>${p.profile}</strong>, base seed ${p.seed}, finished ${p.finishedAt}, took ${formatDuration(p.durationMs)}, on ${p.machine.hostname}. <a href="#provenance">Provenance</a>.</p>
${p.partial ? html`<div class="banner banner-partial" id="partial-banner" role="alert">PARTIAL RUN — the run stopped early (interrupted or out of time). Some claims are missing or were cut short; the verdicts below cover only what ran.</div>` : ''}
${counts.unexpected ? html`<div class="banner banner-unexpected">${counts.unexpected} of ${counts.results} results differ from what their claims expect — see the rows marked ✗.</div>` : ''}
</header>
${summarySection(claims)}
${byClaim.size ? html`<nav class="toc"><h2>Claims</h2><ul>${[...byClaim].map(([id, rs]) => html`<li><a href="#${anchorFor(id)}"><code>${id}</code></a> — ${rs[0].title}</li>`)}</ul></nav>` : ''}
${sections}
${await orphanMapsSection(orphanMaps)}
${await experimentsSection(file.experiments ?? [])}
${corpusSection(file.corpus ?? [])}
${provenanceSection(p)}
</main>
</body>
</html>
`.value;
}
