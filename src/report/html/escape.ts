/**
 * The one escaping rule of the report. Everything that reaches HTML goes through `html`, whose
 * interpolations are escaped unless they are already `SafeHtml` (built by `html` itself, or an
 * SVG rendered by vega from escaped data). Claim names, statements, parameters and file names
 * come from code and files we do not control, so nothing is trusted by default.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values alike (attributes are always double-quoted). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`. Arrays are joined; null/false vanish. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks markup produced by a trusted renderer (vega's SVG, our own JSON encoder) as safe. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON inside `<script type="application/json">`: `<`, `>` and `&` become \u escapes so no string
 * can close the script element or open a comment, and the line separators that break old parsers go too.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const text = JSON.stringify(value) ?? 'null';
  return new SafeHtml(text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
