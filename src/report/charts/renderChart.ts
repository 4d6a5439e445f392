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
  const refuse = (uri: string) =>
    Promise.reject(new Error(`report charts carry their data inline; refused to load ${JSON.stringify(uri)}`));
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
  // Written on every text element; the stylesheet sets the real family (CSS beats SVG attributes).
  font: 'sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12 },
  // Horizontal grid lines only: half the lines of an SVG chart were vertical grid lines.
  axisX: { grid: false },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 13 },
  view: { stroke: '#ddd' },
  // ARIA labels on every mark doubled the SVG; the figure's caption says what it shows.
  aria: false,
};

/**
 * Attributes vega writes on every element that equal what they would inherit (or that the
 * stylesheet sets; not fill, which the root group sets to none).
 */
const REDUNDANT_ATTRIBUTES =
  / (?:opacity="1"|pointer-events="none"|aria-hidden="true"|stroke-width="1"|font-family="sans-serif"|role="graphics-[a-z]+"|aria-roledescription="[a-z ]+")/g;
/** Empty decoration paths, and axis labels hidden because they would overlap (opacity 0). */
const INVISIBLE = /<path class="(?:background|foreground)"[^>]* d="(?:M0,0h0v0h0Z)?"[^>]*\/>|<text [^>]*opacity="0"[^>]*>[^<]*<\/text>/g;

const hex = (channel: string) => Number(channel).toString(16).padStart(2, '0');

/** vega's circle symbol, `translate(x,y)` and two arcs of radius r, as the circle it draws. */
const CIRCLE_SYMBOL = /^<path transform="translate\((-?[\d.]+),(-?[\d.]+)\)" d="M([\d.]+),0A\3,\3,0,1,1,-\3,0A\3,\3,0,1,1,\3,0"/;

function compactTag(tag: string): string {
  return (
    tag
      .replace(REDUNDANT_ATTRIBUTES, '')
      .replace(/ (transform|d)="([^"]*)"/g, (_, name: string, value: string) => ` ${name}="${value.replace(/(\d+\.\d)\d+/g, '$1')}"`)
      .replace(/rgb\((\d{1,3}), ?(\d{1,3}), ?(\d{1,3})\)/g, (_, r: string, g: string, b: string) => `#${hex(r)}${hex(g)}${hex(b)}`)
      .replace(CIRCLE_SYMBOL, (_, x: string, y: string, r: string) => `<circle cx="${x}" cy="${y}" r="${r}"`)
      // A circle with no stroke of its own draws none (no group above a mark sets one).
      .replace(/^(<circle (?![^>]* stroke=)[^>]*) stroke-width="[\d.]+"/, '$1')
  );
}

/**
 * A smaller SVG that draws the same: defaults and invisible elements dropped, and geometry to a tenth
 * of a pixel (vega writes up to 16 decimals: `translate(0,192.03333333333333)`). Only tags are rewritten,
 * never text a chart shows (vega leaves quotes unescaped in text, so text could look like an attribute).
 */
export function compactSvg(svg: string): string {
  return svg.replace(INVISIBLE, '').replace(/<[^<>]+>/g, compactTag);
}

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
    return compactSvg(svg);
  } finally {
    view.finalize();
  }
}

/** Display precision of chart data: 4 significant digits draw the same picture; results.json keeps every digit. */
const DISPLAY_DIGITS = 4;

function roundForDisplay(node: unknown): unknown {
  if (typeof node === 'number') return Number.isFinite(node) && !Number.isInteger(node) ? Number(node.toPrecision(DISPLAY_DIGITS)) : node;
  if (Array.isArray(node)) return node.map(roundForDisplay);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, roundForDisplay(v)]));
  return node;
}

/** Inline data of a spec (at any level) rounded for display; scales, sizes and the rest untouched. */
export function displaySpec(spec: Record<string, unknown>): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === 'data' && v && typeof v === 'object' && 'values' in v
          ? { ...v, values: roundForDisplay((v as { values: unknown }).values) }
          : walk(v),
      ]),
    );
  };
  return walk(spec) as Record<string, unknown>;
}

export interface FigureOptions {
  /** `headline` figures are drawn larger, near the top. */
  readonly variant?: 'headline';
  /**
   * Put the spec with its data (rounded for display) beside the SVG as JSON, so a reader can take
   * the numbers out of the page. Off for per-regime claim charts: their data are the runs that
   * results.json holds, and the copies would double the report.
   */
  readonly data?: boolean;
}

/**
 * A figure: the SVG inline and, unless asked not to, its spec as JSON beside it. A spec that fails
 * to render becomes a visible note, not a lost report.
 */
export async function renderFigure(chart: ChartSpec, options: FigureOptions = {}): Promise<SafeHtml> {
  const { variant, data = true } = options;
  const spec = displaySpec(chart.spec);
  let body: SafeHtml;
  let ok = true;
  let unsafe = false;
  try {
    body = trusted(await renderSvg(spec));
  } catch (error) {
    ok = false;
    unsafe = error instanceof UnsafeChartSpecError;
    body = html`<p class="chart-error">This chart could not be rendered: ${error instanceof Error ? error.message : String(error)}</p>`;
  }
  return html`<figure class="chart${variant ? ` chart-${variant}` : ''}${ok ? '' : ' chart-failed'}" data-chart="${chart.title}">
<figcaption><strong>${chart.title}</strong>${chart.caption ? html` — ${chart.caption}` : ''}</figcaption>
<div class="chart-svg">${body}</div>
${data && !unsafe ? html`<script type="application/json" class="chart-data">${jsonForScript(spec)}</script>` : ''}
</figure>`;
}
