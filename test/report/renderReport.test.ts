import { beforeAll, describe, expect, test } from 'vitest';
import { inflateSync } from 'node:zlib';
import type { ResultsFile } from '../../src/report/reportModel.ts';
import { renderReport } from '../../src/report/renderReport.ts';
import { renderFigure } from '../../src/report/charts/renderChart.ts';
import { grayscalePng } from '../../src/report/charts/grayscalePng.ts';
import { parameterStatistics } from '../../src/report/parameterStatistics.ts';
import { countedIndependently, fixtureResults, INJECTION } from './fixture.ts';

/** Summary counts as the page shows them: data-count → number. */
export function shownCounts(page: string): Record<string, number> {
  return Object.fromEntries([...page.matchAll(/data-count="(\w+)"><span class="count-value">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
}

function figures(page: string): { title: string; body: string; spec: Record<string, unknown> }[] {
  return [...page.matchAll(/<figure class="chart[^"]*" data-chart="([^"]*)">([\s\S]*?)<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>\s*<\/figure>/g)].map((m) => ({
    title: m[1],
    body: m[2],
    spec: JSON.parse(m[3]) as Record<string, unknown>,
  }));
}

/** Start tags as a browser would see them: all our attribute values are double-quoted. */
function tags(page: string): { name: string; attributes: string[]; text: string }[] {
  const withoutData = page.replace(/(<script type="application\/json" class="chart-data">)[^<]*<\/script>/g, '$1</script>');
  return [...withoutData.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>"']+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attributes: [...m[2].replace(/="[^"]*"/g, '').matchAll(/[^\s]+/g)].map((a) => a[0]),
    text: m[0],
  }));
}

describe('the HTML report', () => {
  let file: ResultsFile;
  let page: string;
  let hostile: string;
  beforeAll(async () => {
    // Through JSON, as the report command reads it.
    file = JSON.parse(JSON.stringify(fixtureResults())) as ResultsFile;
    page = await renderReport(file);
    hostile = await renderReport(JSON.parse(JSON.stringify(fixtureResults({ injection: true, partial: true }))) as ResultsFile);
  }, 30_000);

  test('summary counts are those of results.json', () => {
    const claims = file.claims;
    expect(shownCounts(page)).toEqual(countedIndependently(claims));
    const rows = [...page.matchAll(/<tr data-claim="([^"]*)" data-regime="([^"]*)" data-verdict="(\w+)"/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(rows.sort()).toEqual(claims.map((c) => `${c.id} ${c.regime} ${c.verdict}`).sort());
  });

  test('charts are chosen by measured field names and carry their data beside the SVG', () => {
    const all = figures(page);
    const titles = all.map((f) => f.title);
    // holding domain and large-noise regime: stable ranks, heatmap, loss curves, margins
    expect(titles.filter((t) => t === 'Stable rank against noise level')).toHaveLength(3);
    // one passing run per regime that has one, and the counterexample
    expect(titles.filter((t) => t.startsWith('cosines: filter × basis vector'))).toHaveLength(3);
    expect(titles).toContain('cosines: filter × basis vector, counterexample');
    expect(titles.filter((t) => t === 'loss curve over training')).toHaveLength(3);
    expect(titles).toContain('Pass margin against rows');
    expect(titles).toContain('Pass rate over noise level and intrinsic dimension');
    expect(titles).toContain('Stable ranks on MNIST');
    for (const f of all) {
      expect(f.body, f.title).toMatch(/<svg[^>]*class="marks"/);
      expect(f.body, f.title).not.toContain('chart-error');
    }
    // The stable-rank chart's data is every counted run of the holding domain, three quantities each.
    const stable = all.find((f) => f.title === 'Stable rank against noise level')!;
    const values = (stable.spec.data as { values: { quantity: string; noise: number; value: number }[] }).values;
    const holding = file.claims.find((c) => c.regime === 'holding-domain' && c.id === 'zhang2025/filter-rank-robust')!;
    expect(values).toHaveLength(holding.samples.length * 4);
    expect(new Set(values.map((v) => v.quantity))).toEqual(new Set(['filter stable rank', 'data stable rank', 'initial filter stable rank']));
    const first = holding.samples[0];
    const dataRanks = values.filter((v) => v.quantity === 'data stable rank').slice(0, 2);
    // the run's own data stable rank at its noise level, and its clean counterpart at noise 0
    expect(dataRanks).toContainEqual(expect.objectContaining({ noise: first.params.noise, value: first.measured!.dataStableRank }));
    expect(dataRanks).toContainEqual(expect.objectContaining({ noise: 0, value: first.measured!.cleanDataStableRank }));
  });

  test('the regime map draws the stated condition over the pass-rate cells', () => {
    const map = figures(page).find((f) => f.title === 'Pass rate over noise level and intrinsic dimension')!;
    const layers = map.spec.layer as { data: { values: Record<string, unknown>[] }; mark: { type: string } }[];
    expect(layers[0].data.values).toHaveLength(file.maps![0].cells.filter((c) => c.passRate !== null).length);
    const curve = layers.find((l) => l.mark.type === 'line')!;
    expect(curve.data.values.map((v) => v.condition)).toContain('noise = 0.25 K + 0.5 (stated condition)');
    expect(map.body).toContain('noise = 0.25 K + 0.5 (stated condition)');
  });

  test('provenance is visible: reconstruction, backends with fallback reason, partial banner only when partial', () => {
    expect(page).toContain('Reconstructed — not the paper’s words');
    expect(page).toContain('data-provenance="reconstructed"');
    expect(page).toContain('gpu.js fell back to its CPU mode');
    expect(page).toContain('fixture-host');
    expect(page).not.toContain('id="partial-banner"');
    expect(hostile).toContain('id="partial-banner"');
    expect(page).toContain('Parameters actually drawn (12 runs, 1 shrinking runs left out)');
    expect(page).toContain('npx theorycheck reproduce zhang2025/filter-rank-robust --params &#39;{&quot;noise&quot;:1.5');
  });

  test('self-contained: nothing is loaded from anywhere, and the CSP says so', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(page.match(/<link|<iframe|<object|<embed|@import|url\((?!#)/i)?.[0] ?? null).toBeNull();
    for (const m of page.matchAll(/\ssrc="([^"]*)"/g)) expect(m[1]).toMatch(/^data:image\/png;base64,/);
    for (const m of page.matchAll(/<script([^>]*)>/g)) expect(m[1]).toBe(' type="application/json" class="chart-data"');
  });

  test('hostile names, statements, parameters, file names and chart labels render as text', () => {
    const escaped = '&lt;script&gt;window.__pwned = 1&lt;/script&gt;&quot;&#39;&amp;amp;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;';
    for (const where of ['title ', 'statement ', 'source ', 'condition ', 'pass ', 'finding ', 'detail ', 'param ', 'grid ', 'experiment ', 'description ', 'regime ']) {
      expect(hostile, where).toContain(`${where}${escaped}`);
    }
    expect(hostile).toContain(`fixtures/corpus/${escaped}.json`);
    expect(hostile).toContain(`label=${escaped}`); // counterexample parameters
    // Every tag in the page is one we wrote: no event-handler attribute, no script but chart data, no image but data URIs.
    for (const tag of tags(hostile)) {
      expect(tag.attributes.filter((a) => /^on/i.test(a)), tag.text.slice(0, 120)).toEqual([]);
      if (tag.name === 'script') expect(tag.text).toBe('<script type="application/json" class="chart-data">');
      if (tag.name === 'img') expect(tag.text).toMatch(/^<img src="data:image\/png;base64,/);
    }
    for (const m of hostile.matchAll(/<script([^>]*)>/g)) expect(m[1]).toBe(' type="application/json" class="chart-data"');
    // vega escapes the labels it draws (a legend label and axis titles built from hostile names)
    const evil = figures(hostile).filter((f) => f.title.includes('window.__pwned') || f.body.includes('__pwned'));
    expect(evil.length).toBeGreaterThan(0);
    for (const f of evil) expect(f.body.match(/<script|<img/)?.[0] ?? null, f.title).toBeNull();
  });

  test('a chart that asks for a URL is refused and shown as a note, not fetched', async () => {
    const out = (await renderFigure({ title: 'remote', spec: { data: { url: 'https://example.com/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } } })).value;
    expect(out).toContain('chart-error');
    expect(out).toMatch(/a &quot;url&quot; property at data\.url/);
    expect(out).not.toContain('example.com');
  });
});

describe('parts of the report', () => {
  test('parameter statistics describe the counted runs, not the shrinking ones', () => {
    const file = fixtureResults();
    const regime = file.claims.find((c) => c.regime === 'large-noise')!;
    const stats = parameterStatistics(regime.samples);
    const counted = regime.samples.filter((s) => !s.shrinking).map((s) => s.params.noise as number);
    const noise = stats.find((s) => s.name === 'noise')!;
    expect(noise).toMatchObject({ kind: 'numeric', count: counted.length, min: Math.min(...counted), max: Math.max(...counted), distinct: new Set(counted).size });
    expect(stats.map((s) => s.name)).not.toContain('seed');
    const algebra = parameterStatistics(file.claims.find((c) => c.id === 'zhang2025/stable-rank-algebra')!.samples);
    expect(algebra.find((s) => s.name === 'structure')).toMatchObject({ kind: 'categorical', counts: [{ value: 'low-rank', count: 10 }, { value: 'gaussian', count: 10 }] });
  });

  test('grayscale images become PNGs whose pixels span black to white', () => {
    const png = grayscalePng(3, 2, [-1, 0, 1, 2, Number.NaN, 5]);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const idatStart = png.indexOf('IDAT') + 4;
    const length = png.readUInt32BE(idatStart - 8);
    const raw = inflateSync(png.subarray(idatStart, idatStart + length));
    expect([...raw]).toEqual([0, 0, 43, 85, 0, 128, 0, 255]);
    expect(() => grayscalePng(28, 28, [1, 2, 3])).toThrow(/28×28 but has 3 pixels/);
  });
});
