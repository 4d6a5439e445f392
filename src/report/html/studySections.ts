import type { CorpusReplay, ExperimentReport, RegimeMap } from '../reportModel.ts';
import { mapChart } from '../charts/mapChart.ts';
import { renderFigure } from '../charts/renderChart.ts';
import { grayscalePngDataUri } from '../charts/grayscalePng.ts';
import { html, type SafeHtml } from './escape.ts';
import { formatDuration, formatParams, formatValue } from './format.ts';
import { slug } from './anchors.ts';

/** A regime map: the phase diagram, what was held fixed, and which parameters each failure needs. */
export async function mapBlock(map: RegimeMap): Promise<SafeHtml> {
  const figure = await renderFigure(mapChart(map));
  const sensitivity = map.sensitivity ?? [];
  return html`<article class="map" id="map-${slug(`${map.claimId} ${map.title}`)}">
<h4>Regime map: ${map.title}</h4>
<p class="muted">Claim <code>${map.claimId}</code>; ${map.cells.length} cells, ${formatDuration(map.durationMs)}.</p>
${figure}
${map.conditions.length ? html`<p>Stated conditions drawn on the map: ${map.conditions.map((c, i) => html`${i ? '; ' : ''}<em>${c.label}</em>`)}.</p>` : ''}
${sensitivity.length ? html`<div class="table-scroll"><table class="sensitivity"><caption>Sensitivity of failures</caption><thead><tr><th>failure at</th><th>free (can vary, still fails)</th><th>essential</th></tr></thead><tbody>${sensitivity.map((s) => html`<tr><td><code>${formatParams(s.params)}</code></td><td>${s.free.join(', ')}</td><td>${s.essential.join(', ')}</td></tr>`)}</tbody></table></div>` : ''}
</article>`;
}

async function experimentBlock(experiment: ExperimentReport): Promise<SafeHtml> {
  const figures = await Promise.all(experiment.charts.map((c) => renderFigure({ title: c.title, spec: c.spec })));
  const images = (experiment.images ?? []).map((image) => {
    let src: string | null = null;
    let problem = '';
    try {
      src = grayscalePngDataUri(image.width, image.height, image.pixels);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const scale = Math.max(1, Math.floor(112 / Math.max(image.width, image.height)));
    return html`<figure class="image">${src ? html`<img src="${src}" width="${image.width * scale}" height="${image.height * scale}" alt="${image.label}">` : html`<p class="chart-error">${problem}</p>`}<figcaption>${image.label}</figcaption></figure>`;
  });
  return html`<details class="experiment" id="experiment-${slug(experiment.id)}">
<summary><span class="claim-title">${experiment.title}</span> <code class="claim-id">${experiment.id}</code></summary>
<p>${experiment.description}</p>
${experiment.rows.length ? html`<div class="table-scroll"><table class="experiment-table"><thead><tr>${experiment.columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${experiment.rows.map((row) => html`<tr>${row.map((cell) => html`<td class="${typeof cell === 'number' ? 'num' : ''}">${cell === null ? '—' : formatValue(cell)}</td>`)}</tr>`)}</tbody></table></div>` : ''}
${figures.length ? html`<div class="charts">${figures}</div>` : ''}
${images.length ? html`<div class="images">${images}</div>` : ''}
</details>`;
}

export async function experimentsSection(experiments: readonly ExperimentReport[]): Promise<SafeHtml> {
  if (!experiments.length) return html``;
  return html`<section id="experiments"><h2>Reproduced experiments</h2>${await Promise.all(experiments.map(experimentBlock))}</section>`;
}

export async function orphanMapsSection(maps: readonly RegimeMap[]): Promise<SafeHtml> {
  if (!maps.length) return html``;
  return html`<section id="maps"><h2>Regime maps</h2>${await Promise.all(maps.map(mapBlock))}</section>`;
}

export function corpusSection(corpus: readonly CorpusReplay[]): SafeHtml {
  if (!corpus.length) return html``;
  const still = corpus.filter((c) => c.stillFails).length;
  return html`<section id="corpus"><h2>Stored counterexamples replayed</h2>
<p>${still} of ${corpus.length} stored counterexamples still fail${still === corpus.length ? '.' : html`; <strong>${corpus.length - still} no longer fail</strong> (fixed or flaky).`}</p>
<details class="more"><summary>The table of replayed counterexamples</summary><div class="table-scroll"><table><thead><tr><th>claim</th><th>file</th><th>still fails</th><th>parameters</th><th>detail</th></tr></thead>
<tbody>${corpus.map((c) => html`<tr><td><code>${c.claimId}</code></td><td><code>${c.file}</code></td><td>${c.stillFails ? 'yes' : html`<strong>no — fixed or flaky</strong>`}</td><td><code>${formatParams(c.params)}</code></td><td>${c.detail ?? ''}</td></tr>`)}</tbody></table></div></details>
</section>`;
}
