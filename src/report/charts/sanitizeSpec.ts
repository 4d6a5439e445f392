/**
 * Chart specs in results.json come from a file we do not control, and vega copies much of a spec
 * verbatim into the SVG: an `href` channel becomes a link (and crashed vega's SVG renderer), a
 * `fill: "url(http://…)"` or `config.background` becomes a paint server fetched by the browser.
 * The page's Content-Security-Policy would block those requests, but escaping must not rest on it,
 * so a spec is refused before rendering if it holds anything that can reach outside the page, and
 * the rendered SVG is checked again for links and external references.
 */
export class UnsafeChartSpecError extends Error {
  constructor(
    readonly where: string,
    readonly why: string,
  ) {
    super(
      `${where === SVG ? 'the SVG it renders to has' : 'its spec has'} ${why}${where === SVG ? '' : ` at ${where}`}, which report charts do not allow`,
    );
    this.name = 'UnsafeChartSpecError';
  }
}

const SVG = 'the rendered SVG';

/** Keys whose presence alone can make a chart load or link to something: data or image URLs, links. */
const FORBIDDEN_KEYS = new Set(['href', 'url', 'xlink:href', 'src', 'loader']);
/** The nesting a harness chart spec needs, with room to spare. */
const MAX_DEPTH = 40;
/** CSS url(…), data: and javascript: URLs, in any string: a value, a colour, an expression. */
const FORBIDDEN_TEXT: readonly [RegExp, string][] = [
  [/url\s*\(/i, 'a url(…) reference'],
  [/^\s*data\s*:\s*[a-z]+\/[a-z0-9.+-]+\s*[;,]/i, 'a data: URL'],
  [/(?:java|vb)script\s*:/i, 'a script: URL'],
];

function pathOf(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p.slice(0, 40)}`)).join('') || '(top level)';
}

function checkText(text: string, path: readonly (string | number)[]): void {
  for (const [pattern, what] of FORBIDDEN_TEXT) if (pattern.test(text)) throw new UnsafeChartSpecError(pathOf(path), what);
}

function visit(node: unknown, path: (string | number)[]): void {
  if (path.length > MAX_DEPTH) throw new UnsafeChartSpecError(pathOf(path.slice(0, 8)), `nesting deeper than ${MAX_DEPTH} levels`);
  if (typeof node === 'string') return checkText(node, path);
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      path.push(i);
      visit(item, path);
      path.pop();
    });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    path.push(key);
    // The schema URL is a label for editors; vega never loads it.
    if (key === '$schema' && path.length === 1) {
      path.pop();
      continue;
    }
    if (FORBIDDEN_KEYS.has(key.toLowerCase())) throw new UnsafeChartSpecError(pathOf(path), `a "${key}" property`);
    checkText(key, path);
    // Image marks draw external pictures: the report's images are its own PNGs, never chart marks.
    if (key === 'mark' || key === 'type') {
      const type = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
      if (typeof type === 'string' && type.toLowerCase() === 'image') throw new UnsafeChartSpecError(pathOf(path), 'an image mark');
    }
    visit(value, path);
    path.pop();
  }
}

/** Throws UnsafeChartSpecError naming the first thing in a chart spec that could reach outside the page. */
export function assertSafeSpec(spec: unknown): void {
  visit(spec, []);
}

/**
 * The SVG vega drew may hold no link, no external paint or image: only `url(#id)` references to
 * its own gradients and clip paths. (Strings built at run time by vega expressions get here.)
 */
export function assertSafeSvg(svg: string): void {
  if (/\shref\s*=|xlink:href/i.test(svg)) throw new UnsafeChartSpecError(SVG, 'a link');
  if (/<\s*(?:image|foreignobject|script|iframe|use)\b/i.test(svg)) throw new UnsafeChartSpecError(SVG, 'an embedded element');
  if (/url\s*\(\s*(?!['"]?#)/i.test(svg) || /url\s*\(\s*['"]?#[^)]*[:/]/i.test(svg))
    throw new UnsafeChartSpecError(SVG, 'an external url(…) reference');
  if (/(?:java|vb)script\s*:|data\s*:\s*[a-z]+\/[a-z]/i.test(svg)) throw new UnsafeChartSpecError(SVG, 'a script or data URL');
}
