import { beforeAll, describe, expect, test } from 'vitest';
import { inflateSync } from 'node:zlib';
import type { ClaimResult } from '../../src/claims/result.ts';
import type { ResultsFile } from '../../src/report/reportModel.ts';
import { anchorFor } from '../../src/report/html/anchors.ts';
import { outcomeOf } from '../../src/report/html/outcome.ts';
import { renderReport } from '../../src/report/renderReport.ts';
import { renderFigure, renderSvg } from '../../src/report/charts/renderChart.ts';
import { claimCharts } from '../../src/report/charts/claimCharts.ts';
import { grayscalePng } from '../../src/report/charts/grayscalePng.ts';
import { parameterStatistics } from '../../src/report/parameterStatistics.ts';
import { countedIndependently, fixtureResults } from './fixture.ts';

/** Summary counts as the page shows them: data-count → number. */
export function shownCounts(page: string): Record<string, number> {
  return Object.fromEntries([...page.matchAll(/data-count="(\w+)"><span class="count-value">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
}

/** Every figure: title, the markup before its data, and its spec when the data sit beside it. */
function figures(page: string): { title: string; headline: boolean; body: string; spec: Record<string, unknown> | null }[] {
  return [...page.matchAll(/<figure class="chart([^"]*)" data-chart="([^"]*)">([\s\S]*?)<\/figure>/g)].map((m) => {
    const data = /<script type="application\/json" class="chart-data">([\s\S]*?)<\/script>/.exec(m[3]);
    return {
      title: m[2],
      headline: m[1].includes('chart-headline'),
      body: data ? m[3].slice(0, data.index) : m[3],
      spec: data ? (JSON.parse(data[1]) as Record<string, unknown>) : null,
    };
  });
}

/** Rounded as the report rounds chart data for display. */
const shown = (value: number) => Number(value.toPrecision(4));

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
    const rows = [...page.matchAll(/<tr data-claim="([^"]*)" data-regime="([^"]*)" data-verdict="(\w+)"/g)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );
    expect(rows.sort()).toEqual(claims.map((c) => `${c.id} ${c.regime} ${c.verdict}`).sort());
  });

  test('charts are chosen by measured field names; claim charts come without a data copy, headline figures with theirs', () => {
    const all = figures(page);
    const inClaims = all.filter((f) => !f.headline);
    const titles = inClaims.map((f) => f.title);
    // holding domain, large-noise regime and the probe: stable ranks, heatmap, loss curves, margins
    expect(titles.filter((t) => t === 'Stable rank against noise level')).toHaveLength(3);
    // one heatmap per regime: the counterexample where there is one, else a passing run
    expect(titles.filter((t) => t.startsWith('cosines: filter × basis vector'))).toEqual([
      'cosines: filter × basis vector, a passing run',
      'cosines: filter × basis vector, counterexample',
      'cosines: filter × basis vector, a passing run',
    ]);
    expect(titles.filter((t) => t === 'loss curve over training')).toHaveLength(3);
    expect(titles).toContain('Pass margin against rows');
    expect(titles).toContain('Pass rate over noise level and intrinsic dimension');
    expect(titles).toContain('Stable ranks on MNIST');
    for (const f of all) {
      expect(f.body, f.title).toMatch(/<svg[^>]*class="marks"/);
      expect(f.body, f.title).not.toContain('chart-error');
    }
    // Per-regime charts leave their data to results.json; maps, experiments and headline figures carry theirs.
    for (const f of inClaims)
      expect(f.spec === null, f.title).toBe(
        !['Pass rate over noise level and intrinsic dimension', 'Stable ranks on MNIST', 'Categorical map: activation × width'].includes(
          f.title,
        ),
      );
    // The synthetic headline figure's data is every counted run of the holding domain, four quantities each.
    const stable = all.find((f) => f.headline && f.title === 'Headline: stable ranks against noise')!;
    const values = (stable.spec!.data as { values: { quantity: string; noise: number; value: number }[] }).values;
    const holding = file.claims.find((c) => c.regime === 'holding-domain' && c.id === 'zhang2025/filter-rank-robust')!;
    expect(values).toHaveLength(holding.samples.length * 4);
    expect(new Set(values.map((v) => v.quantity))).toEqual(
      new Set(['filter stable rank', 'data stable rank', 'initial filter stable rank']),
    );
    const first = holding.samples[0];
    const dataRanks = values.filter((v) => v.quantity === 'data stable rank').slice(0, 2);
    // the run's own data stable rank at its noise level, and its clean counterpart at noise 0 (4 digits, as drawn)
    expect(dataRanks).toContainEqual(
      expect.objectContaining({ noise: first.params.noise, value: shown(first.measured!.dataStableRank as number) }),
    );
    expect(dataRanks).toContainEqual(expect.objectContaining({ noise: 0, value: shown(first.measured!.cleanDataStableRank as number) }));
  });

  test('curves are down-sampled for display; results.json keeps every point', () => {
    const holding = file.claims.find((c) => c.regime === 'holding-domain' && c.id === 'zhang2025/filter-rank-robust')!;
    const curve = claimCharts(holding).find((c) => c.title === 'loss curve over training')!;
    const drawn = (curve.spec.data as { values: { step: number[]; value: number[] }[] }).values;
    expect(drawn.length).toBeLessThanOrEqual(6);
    for (const run of drawn) {
      expect(run.step.length).toBeLessThanOrEqual(61);
      expect(run.step[run.step.length - 1]).toBe(299); // the last point is always drawn
    }
    expect(holding.samples.every((s) => (s.measured!.lossCurve as number[]).length === 300)).toBe(true);
    // a regime with more runs than the margin chart draws keeps every failure
    const many = {
      ...holding,
      samples: Array.from({ length: 200 }, (_, i) => ({
        ...holding.samples[i % holding.samples.length],
        margin: i % 50 === 7 ? -1 : 1,
        outcome: (i % 50 === 7 ? 'fail' : 'pass') as 'fail' | 'pass',
      })),
    };
    const margin = claimCharts(many).find((c) => c.title.startsWith('Pass margin'))!;
    const points = (margin.spec.layer as { data?: { values: { outcome: string }[] } }[])[0];
    const marginValues = (margin.spec.data as { values: { outcome: string }[] } | undefined)?.values ?? points.data!.values;
    expect(marginValues.length).toBeLessThanOrEqual(60);
    expect(marginValues.filter((v) => v.outcome === 'fail')).toHaveLength(4);
    // the stable-rank chart thins its dots the same way, but its means are those of every run
    const stable = claimCharts(many).find((c) => c.title === 'Stable rank against noise level')!;
    const [dots, means] = stable.spec.layer as { data?: { values: { outcome: string }[] }; encoding?: { y?: { aggregate?: string } } }[];
    const perRun = (stable.spec.data as { values: unknown[] }).values.length / 200;
    expect(perRun).toBeGreaterThanOrEqual(2);
    expect(dots.data!.values.length).toBeLessThanOrEqual(60 * perRun);
    expect(dots.data!.values.filter((v) => v.outcome === 'fail')).toHaveLength(4 * perRun);
    expect(means.encoding?.y?.aggregate).toBe('mean');
    expect(stable.caption).toContain('of 200 runs shown');
    // one noise level (and no clean run at noise 0): no chart "against the noise level"
    const oneLevel = {
      ...holding,
      samples: holding.samples.map((s) => ({
        ...s,
        params: { ...s.params, noise: 0.5 },
        measured: Object.fromEntries(Object.entries(s.measured ?? {}).filter(([k]) => !k.startsWith('clean'))),
      })),
    };
    expect(claimCharts(oneLevel).some((c) => c.title === 'Stable rank against noise level')).toBe(false);
  });

  test('the compact SVG draws vega circles as circles and colours in hex', async () => {
    const svg = await renderSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: {
        values: [
          { a: 1, b: 2 },
          { a: 2, b: 3 },
        ],
      },
      mark: { type: 'point', filled: true },
      encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
    });
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="[\d.]+"/);
    expect(svg).not.toMatch(/d="M[\d.]+,0A/);
    expect(svg).not.toMatch(/rgb\(/);
  });

  test('the regime map draws the stated condition over the pass-rate cells', () => {
    const map = figures(page).find((f) => f.title === 'Pass rate over noise level and intrinsic dimension')!;
    const layers = map.spec!.layer as { data: { values: Record<string, unknown>[] }; mark: { type: string } }[];
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
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(page.match(/<link|<iframe|<object|<embed|@import|url\((?!#)/i)?.[0] ?? null).toBeNull();
    for (const m of page.matchAll(/\ssrc="([^"]*)"/g)) expect(m[1]).toMatch(/^data:image\/png;base64,/);
    for (const m of page.matchAll(/<script([^>]*)>/g)) expect(m[1]).toBe(' type="application/json" class="chart-data"');
  });

  test('hostile names, statements, parameters, file names and chart labels render as text', () => {
    const escaped =
      '&lt;script&gt;window.__pwned = 1&lt;/script&gt;&quot;&#39;&amp;amp;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;';
    for (const where of [
      'title ',
      'statement ',
      'source ',
      'condition ',
      'pass ',
      'finding ',
      'detail ',
      'param ',
      'grid ',
      'experiment ',
      'description ',
      'regime ',
    ]) {
      expect(hostile, where).toContain(`${where}${escaped}`);
    }
    expect(hostile).toContain(`fixtures/corpus/${escaped}.json`);
    expect(hostile).toContain(`label=${escaped}`); // counterexample parameters
    // Every tag in the page is one we wrote: no event-handler attribute, no script but chart data, no image but data URIs.
    for (const tag of tags(hostile)) {
      expect(
        tag.attributes.filter((a) => /^on/i.test(a)),
        tag.text.slice(0, 120),
      ).toEqual([]);
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
    const out = (
      await renderFigure({
        title: 'remote',
        spec: { data: { url: 'https://example.com/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } },
      })
    ).value;
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
    expect(noise).toMatchObject({
      kind: 'numeric',
      count: counted.length,
      min: Math.min(...counted),
      max: Math.max(...counted),
      distinct: new Set(counted).size,
    });
    expect(stats.map((s) => s.name)).not.toContain('seed');
    const algebra = parameterStatistics(file.claims.find((c) => c.id === 'zhang2025/stable-rank-algebra')!.samples);
    expect(algebra.find((s) => s.name === 'structure')).toMatchObject({
      kind: 'categorical',
      counts: [
        { value: 'low-rank', count: 10 },
        { value: 'gaussian', count: 10 },
      ],
    });
  });

  test('the compact SVG drops vega defaults and long decimals, never text a chart shows', async () => {
    const label = 'a opacity="1" 0.123456789 role="graphics-symbol"';
    const svg = await renderSvg({
      data: { values: [{ a: 1 / 3, b: 2 / 3, c: label }] },
      mark: 'point',
      encoding: {
        x: { field: 'a', type: 'quantitative' },
        y: { field: 'b', type: 'quantitative' },
        color: { field: 'c', type: 'nominal' },
      },
    });
    expect(svg.replace(/>[^<]*</g, '><')).not.toMatch(/ opacity="1"| pointer-events="none"| aria-roledescription=/);
    for (const m of svg.matchAll(/ (?:transform|d)="([^"]*)"/g)) expect(m[1]).not.toMatch(/\d\.\d{2}/);
    expect(svg).toMatch(/>a opacity="1" 0\.1234[^<]*<\/text>/); // the legend label, as vega wrote it (it may truncate the end)
    expect(svg).not.toMatch(/<text [^>]*opacity="0"/); // labels hidden for overlap are left out
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

describe('the scorecard', () => {
  let file: ResultsFile;
  let page: string;
  let hostile: string;
  beforeAll(async () => {
    file = JSON.parse(JSON.stringify(fixtureResults())) as ResultsFile;
    page = await renderReport(file);
    hostile = await renderReport(JSON.parse(JSON.stringify(fixtureResults({ injection: true }))) as ResultsFile);
  }, 30_000);

  /** The markup of one element with this id, up to its closing tag of the same name (no nesting of that tag inside). */
  function block(html: string, tag: string, id: string): string {
    const start = html.indexOf(`<${tag} `, html.lastIndexOf('<', html.indexOf(`id="${id}"`)));
    expect(start, id).toBeGreaterThanOrEqual(0);
    return html.slice(start, html.indexOf(`</${tag}>`, start));
  }

  test('comes first: the first section of the page, before the details, the table of regimes and provenance', () => {
    const firstSection = /<section id="([^"]+)"/.exec(page)![1];
    expect(firstSection).toBe('scorecard');
    const at = (id: string) => page.indexOf(`id="${id}"`);
    expect(at('scorecard')).toBeLessThan(at('claims'));
    expect(at('claims')).toBeLessThan(at('summary'));
    expect(at('summary')).toBeLessThan(at('provenance'));
  });

  test('one block per paper with its title, arXiv link, one-sentence summary and a row per claim', () => {
    const paper = block(page, 'section', 'paper-zhang2025');
    expect(paper).toContain('Gradient Descent Robustly Learns the Intrinsic Dimension of Data');
    expect(paper).toContain('href="https://arxiv.org/abs/2504.08628"');
    const rows = [...paper.matchAll(/<div class="score-row tone-(\w+)" data-claim="([^"]+)"/g)].map((m) => [m[2], m[1]]);
    expect(rows).toEqual([
      ['zhang2025/filter-rank-robust', 'ok'],
      ['zhang2025/stable-rank-algebra', 'ok'],
    ]);
    // counted by hand from the fixture: two claims hold, the one failure regime found its counterexample, the probe was inconclusive
    expect(paper).toContain(
      '<p class="paper-summary">Of 2 claims, 2 hold in their holding domain; 1 of 1 predicted failure was confirmed, 0 of 1 probe found a counterexample, and every other result is as expected.</p>',
    );
  });

  test('each row says in words what holds (pass rate and interval), which predicted failures were confirmed, and what the probes found', () => {
    const holding = file.claims.find((c) => c.id === 'zhang2025/filter-rank-robust' && c.regime === 'holding-domain')!;
    const row = page.slice(
      page.indexOf('<div class="score-row tone-ok" data-claim="zhang2025/filter-rank-robust"'),
      page.indexOf('<div class="score-row tone-ok" data-claim="zhang2025/stable-rank-algebra"'),
    );
    const text = row.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
    expect(text).toContain(
      `Holding domain: ✓ holds — ${holding.passes}/${holding.runs} runs pass, ${pct(holding.passRate!)} [${pct(holding.interval![0])}, ${pct(holding.interval![1])}] against the 90% it promises.`,
    );
    expect(text).toContain('Predicted failures: 1 of 1 confirmed: large-noise.');
    expect(text).toContain('Probes: tiny-width: inconclusive.');
    expect(text).toContain('Finding: tiny-width — expected failure not observed');
    // every regime named in the row links to its details
    for (const regime of ['holding-domain', 'large-noise', 'tiny-width'])
      expect(row).toContain(`href="#${anchorFor('zhang2025/filter-rank-robust', regime)}"`);
    expect(row).toContain(`href="#${anchorFor('zhang2025/filter-rank-robust')}"`);
  });

  test('colour follows the outcome, not the verdict, and words always say the same', () => {
    const regime = block(page, 'article', anchorFor('zhang2025/filter-rank-robust', 'large-noise'));
    expect(regime).toMatch(/^<article class="regime tone-ok"[^>]*data-verdict="fails" data-tone="ok">/);
    expect(regime).toContain('<span class="status status-ok" data-tone="ok"><span aria-hidden="true">✓</span> fails as predicted</span>');
    expect(block(page, 'article', anchorFor('zhang2025/filter-rank-robust', 'tiny-width'))).toContain(
      'status-warn" data-tone="warn"><span aria-hidden="true">?</span> probe: inconclusive</span>',
    );
    expect(page).not.toContain('status-bad" data-tone');
    expect(hostile).toContain(
      '<span class="status status-bad" data-tone="bad"><span aria-hidden="true">✗</span> fails where it should hold</span>',
    );
    expect(hostile).toMatch(/<div class="score-row tone-bad" data-claim="evil\//);
  });

  test('outcomes of every kind of regime', () => {
    const base = file.claims[0];
    const cases: [Partial<ClaimResult>, string, string][] = [
      [{ expected: 'holds', verdict: 'holds' }, 'ok', 'holds'],
      [{ expected: 'holds', verdict: 'fails' }, 'bad', 'fails where it should hold'],
      [{ expected: 'holds', verdict: 'inconclusive' }, 'warn', 'inconclusive'],
      [{ expected: 'fails', verdict: 'fails' }, 'ok', 'fails as predicted'],
      [{ expected: 'fails', verdict: 'holds' }, 'bad', 'predicted failure not observed'],
      [{ expected: 'fails', verdict: 'inconclusive' }, 'warn', 'inconclusive'],
      [{ expected: 'probe', verdict: 'fails' }, 'warn', 'probe: counterexample found'],
      [{ expected: 'probe', verdict: 'holds' }, 'warn', 'probe: no counterexample found'],
      [{ expected: 'holds', verdict: 'holds', errors: 2 }, 'bad', '2 runs raised an error'],
      [{ expected: 'fails', verdict: 'inconclusive', stoppedBy: 'SIGINT' } as Partial<ClaimResult>, 'warn', 'interrupted (SIGINT)'],
    ];
    for (const [change, tone, label] of cases)
      expect(outcomeOf({ ...base, ...change } as ClaimResult), JSON.stringify(change)).toEqual({ tone, label });
  });

  test('headline figures sit in their paper block, in their stated order, each with its one-line caption', () => {
    const paper = block(page, 'section', 'paper-zhang2025');
    const titles = [...paper.matchAll(/<figure class="chart chart-headline" data-chart="([^"]*)"/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Headline: where the claim holds over noise × K',
      'Headline: stable ranks against noise',
      'Headline: MNIST stable ranks',
    ]);
  });

  test('details on demand: claims start collapsed, tables and secondary charts behind a further disclosure', () => {
    const claims = [...page.matchAll(/<details class="claim[^"]*" id="([^"]+)"([^>]*)>/g)];
    expect(claims.map((m) => m[1]).sort()).toEqual([...new Set(file.claims.map((c) => anchorFor(c.id)))].sort());
    for (const m of claims) expect(m[2]).not.toContain('open');
    const regime = block(page, 'article', anchorFor('zhang2025/filter-rank-robust', 'large-noise'));
    const more = regime.indexOf('<details class="more">');
    expect(more).toBeGreaterThan(regime.indexOf('<pre class="replay">'));
    expect(regime.indexOf('<table class="stats">')).toBeGreaterThan(more);
    expect(regime.indexOf('data-chart="loss curve over training"')).toBeGreaterThan(more);
    // the primary chart is on the first screen
    expect(regime.indexOf('data-chart="Stable rank against noise level"')).toBeLessThan(more);
  });
});
