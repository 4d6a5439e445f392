import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { html, jsonForScript, trusted, type SafeHtml } from '../html/escape.ts';
import { assertSafeSpec, assertSafeSvg, UnsafeChartSpecError } from './sanitizeSpec.ts';

/** A chart for the report: a Vega-Lite spec whose data is inline. */
export interface ChartSpec {
  readonly title: string;
  /** What the chart shows and how to read it, in a sentence. */
  readonly caption?: string;
  readonly spec: Record<string, unknown>;
}

/**
 * The report must open from file:// with no network, so charts may not fetch anything: data
 * travels inline, and any URL (data.url, image marks, href) is refused while rendering.
 */
function offlineLoader(): vega.Loader {
  const base = vega.loader();
  const refuse = (uri: string) => Promise.reject(new Error(`report charts carry their data inline; refused to load ${JSON.stringify(uri)}`));
  return Object.assign(base, { load: refuse, sanitize: refuse, http: refuse, file: refuse });
}

/** The first `url` a Vega spec would fetch (data sources at any level), or null. */
function findUrl(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findUrl(item);
      if (found !== null) return found;
    }
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'url' && typeof value === 'string') return value;
      const found = findUrl(value);
      if (found !== null) return found;
    }
  }
  return null;
}

const DEFAULT_CONFIG = {
  font: 'Helvetica, Arial, "Liberation Sans", sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 13 },
  view: { stroke: '#ddd' },
};

/**
 * Vega-Lite → Vega → SVG string, headless (vega's SVG renderer needs no canvas). The spec is
 * checked first and the SVG after (sanitizeSpec.ts): nothing that links or loads gets through.
 */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new Error('the chart spec is not an object');
  assertSafeSpec(spec);
  const withConfig = { ...spec, config: { ...DEFAULT_CONFIG, ...((spec.config as object | undefined) ?? {}) } } as TopLevelSpec;
  // vega-lite would print its warnings about a broken spec on stderr; a chart's problems belong in its note.
  const compiled = compile(withConfig, { logger: vega.logger(vega.None) }).spec;
  const url = findUrl(compiled);
  if (url !== null) throw new Error(`report charts carry their data inline; refused to load ${JSON.stringify(url)}`);
  const runtime = vega.parse(compiled);
  const view = new vega.View(runtime, { renderer: 'none', loader: offlineLoader(), logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    assertSafeSvg(svg);
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * A figure: the SVG inline and the spec (with its data) as JSON beside it, so a reader can take
 * the numbers out of the report. A spec that fails to render becomes a visible note, not a lost report.
 */
export async function renderFigure(chart: ChartSpec): Promise<SafeHtml> {
  let body: SafeHtml;
  let ok = true;
  let unsafe = false;
  try {
    body = trusted(await renderSvg(chart.spec));
  } catch (error) {
    ok = false;
    unsafe = error instanceof UnsafeChartSpecError;
    body = html`<p class="chart-error">This chart could not be rendered: ${error instanceof Error ? error.message : String(error)}</p>`;
  }
  return html`<figure class="chart${ok ? '' : ' chart-failed'}" data-chart="${chart.title}">
<figcaption><strong>${chart.title}</strong>${chart.caption ? html` — ${chart.caption}` : ''}</figcaption>
<div class="chart-svg">${body}</div>
${unsafe ? '' : html`<script type="application/json" class="chart-data">${jsonForScript(chart.spec)}</script>`}
</figure>`;
}
