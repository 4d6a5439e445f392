import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, html, jsonForScript, trusted } from '../../../src/report/html/escape.ts';

describe('the one escape helper', () => {
  test('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<script>"a" & 'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;');
  });

  test('html`` escapes every interpolation, arrays included, and keeps SafeHtml as is', () => {
    const name = '<b>"x"</b>';
    const out = html`<td title="${name}">${name}${[name, html`<i>${name}</i>`]}${trusted('<svg></svg>')}${null}${false}${0}</td>`.value;
    expect(out).toBe(
      '<td title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&lt;/b&gt;&lt;b&gt;&quot;x&quot;&lt;/b&gt;<i>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</i><svg></svg>0</td>',
    );
  });

  test('escaped text never contains markup characters and decodes back to the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', ';', 'a', 'l', 't', '#', '3', '9'), maxLength: 40 }),
        (text) => {
          const escaped = escapeHtml(text);
          const decoded = escaped.replace(
            /&(lt|gt|quot|#39|amp);/g,
            (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!,
          );
          return !/[<>"']/.test(escaped) && decoded === text;
        },
      ),
    );
  });

  test('JSON for a script element cannot close it and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('</script>', '<!--', ']]>', '\u2028', '&amp;'), (value, hostile) => {
        const wrapped = { value, hostile, nested: [`x${hostile}y`] };
        const text = jsonForScript(wrapped).value;
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(wrapped)));
      }),
      { numRuns: 200 },
    );
  });
});
