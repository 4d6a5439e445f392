import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.ts';
import type { ResultsFile } from '../../src/report/reportModel.ts';
import { writeReport } from '../../src/report/writeReport.ts';
import { countedIndependently, fixtureResults, INJECTION } from './fixture.ts';

/**
 * The report as a reader's browser sees it: Debian's chromium (installed by .ci/run), headless,
 * offline by construction. A missing chromium fails this test loudly; it never skips.
 */
/** Screenshots for the developer to look at (gitignored with the rest of reports/). */
const SCREENSHOTS = resolve('reports', 'screenshots');
/** A desktop and a phone, as a reader opens the report. */
const WIDTHS = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Visit {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly requests: string[];
}

let context: BrowserContext;
let workspace: string;
const visits: Record<'clean' | 'hostile', { file: ResultsFile; url: string; visit?: Visit }> = {} as never;

async function open(url: string): Promise<Visit> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleErrors, requests };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: the report's browser test needs it (apt-get install -y chromium; .ci/run installs it)`,
    );
  }
  workspace = mkdtempSync(join(tmpdir(), 'theorycheck-browser-'));
  for (const [name, file] of [
    ['clean', fixtureResults()],
    ['hostile', fixtureResults({ injection: true, partial: true })],
  ] as const) {
    const { htmlPath } = await writeReport(join(workspace, name), JSON.parse(JSON.stringify(file)) as ResultsFile);
    visits[name] = { file, url: pathToFileURL(htmlPath).href };
  }
  context = await chromium.launchPersistentContext(join(workspace, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: CHROMIUM_ARGS,
  });
  for (const name of ['clean', 'hostile'] as const) visits[name].visit = await open(visits[name].url);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('the report in headless Chromium', () => {
  test('loads from file:// with no console errors and no request but the file itself', () => {
    for (const name of ['clean', 'hostile'] as const) {
      const { consoleErrors, requests } = visits[name].visit!;
      expect(consoleErrors, name).toEqual([]);
      expect(requests, name).toEqual([visits[name].url]);
    }
  });

  test('every chart is a visible SVG of real size once its details are open, and every image decoded', async () => {
    const { page } = visits.clean.visit!;
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const charts = await page.locator('figure.chart').evaluateAll((figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('.chart-svg > svg');
        const box = svg?.getBoundingClientRect();
        return {
          title: figure.getAttribute('data-chart'),
          visible: !!svg && svg.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('.mark-symbol path, .mark-symbol circle, .mark-line path, .mark-rect path').length ?? 0,
        };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(15);
    for (const chart of charts) {
      expect(chart.visible, chart.title!).toBe(true);
      expect(chart.width, chart.title!).toBeGreaterThan(150);
      expect(chart.height, chart.title!).toBeGreaterThan(80);
      expect(chart.marks, `${chart.title} draws marks`).toBeGreaterThan(0);
    }
    const images = await page.locator('figure.image img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(images).toEqual([28, 28, 28]);
    expect(await page.locator('.chart-error').count()).toBe(0);
  });

  test('the summary counts match results.json', async () => {
    const { page } = visits.clean.visit!;
    const { claims } = visits.clean.file;
    const shown = Object.fromEntries(
      await page
        .locator('[data-count]')
        .evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-count'), Number(n.querySelector('.count-value')!.textContent)])),
    );
    expect(shown).toEqual(countedIndependently(claims));
    expect(await page.locator('table.summary tbody tr').count()).toBe(claims.length);
    expect(await page.locator('#partial-banner').count()).toBe(0);
  });

  test('hostile strings are shown as text and run nothing', async () => {
    const { page } = visits.hostile.visit!;
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script:not([type="application/json"])').count()).toBe(0);
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const text = await page.locator('body').innerText();
    for (const where of ['title ', 'statement ', 'finding ', 'detail ', 'condition ', 'experiment '])
      expect(text, where).toContain(`${where}${INJECTION}`);
    expect(text).toContain(`fixtures/corpus/${INJECTION}.json`);
    expect(await page.locator('#partial-banner').isVisible()).toBe(true);
    // The chart data beside each SVG parses back to the spec, hostile strings intact.
    const data = await page.locator('script.chart-data').evaluateAll((nodes) => nodes.map((n) => JSON.parse(n.textContent!)));
    expect(JSON.stringify(data)).toContain(JSON.stringify(INJECTION).slice(1, -1));
  });
});

/** Relative luminance contrast of two CSS colours (WCAG 2), computed in the page from computed styles. */
async function contrasts(page: Page, selector: string): Promise<{ text: string; ratio: number }[]> {
  return page.locator(selector).evaluateAll((nodes) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 4).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    /** The first ancestor background that is not transparent. */
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    return nodes.map((n) => {
      const [a, b] = [lum(rgb(getComputedStyle(n).color)), lum(background(n))];
      return { text: (n.textContent ?? '').trim().slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
  });
}

describe.each(WIDTHS)('the report as a reader sees it at $width×$height ($name)', ({ name, width, height }) => {
  let page: Page;
  beforeAll(async () => {
    page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(visits.clean.url, { waitUntil: 'load' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `report-${name}-top.png`) });
  }, 30_000);
  afterAll(async () => {
    await page?.close();
  });

  test('the scorecard is in the first viewport: its first paper, summary and first claim row', async () => {
    for (const selector of [
      '#scorecard',
      '#scorecard section.paper h3',
      '#scorecard .paper-summary',
      '#scorecard .score-row .score-head',
    ]) {
      const box = (await page.locator(selector).first().boundingBox())!;
      expect(box, selector).not.toBeNull();
      expect(box.y, selector).toBeGreaterThanOrEqual(0);
      expect(box.y + Math.min(box.height, 40), `${selector} starts within the first ${height}px`).toBeLessThan(height);
    }
  });

  test('status labels and muted text meet WCAG AA contrast (4.5:1), and say in words what their colour says', async () => {
    const measured = [...(await contrasts(page, '.status')), ...(await contrasts(page, '.muted, .fact-label, .paper-ref, a'))];
    expect(measured.length).toBeGreaterThan(10);
    for (const m of measured) expect(m.ratio, `"${m.text}"`).toBeGreaterThanOrEqual(4.5);
    const labels = await page
      .locator('.status')
      .evaluateAll((nodes) => nodes.map((n) => ({ tone: n.getAttribute('data-tone'), text: n.textContent!.trim() })));
    for (const l of labels.filter((x) => x.tone))
      expect(l.text, String(l.tone)).toMatch(l.tone === 'ok' ? /^✓ \S/ : l.tone === 'bad' ? /^✗ \S/ : /^\? \S/);
  });

  test('every <details> opens when its summary is clicked, and then shows its content', async () => {
    const count = await page.locator('details').count();
    expect(count).toBeGreaterThan(5);
    // In document order, so an outer disclosure is open before the ones inside it are clicked.
    for (let i = 0; i < count; i++) {
      const details = page.locator('details').nth(i);
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator(':scope > summary').click();
    }
    const states = await page.locator('details').evaluateAll((nodes) =>
      nodes.map((d) => ({
        id: d.id || d.querySelector('summary')?.textContent?.slice(0, 40),
        open: (d as HTMLDetailsElement).open,
        height: d.getBoundingClientRect().height,
        summary: d.querySelector(':scope > summary')!.getBoundingClientRect().height,
      })),
    );
    for (const s of states) {
      expect(s.open, s.id).toBe(true);
      expect(s.height, `${s.id} shows more than its summary`).toBeGreaterThan(s.summary + 10);
    }
    await page
      .locator('details.claim')
      .first()
      .screenshot({ path: join(SCREENSHOTS, `report-${name}-claim.png`) });
  });

  test('nothing overflows horizontally, with every disclosure open', async () => {
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(overflow.scroll, `page is ${overflow.scroll}px wide in a ${overflow.client}px window`).toBeLessThanOrEqual(overflow.client);
    // and no element sticks out of the page to the right, even where an ancestor would clip it
    const wide = await page.evaluate(
      (w) =>
        [...document.querySelectorAll('main *')]
          .filter((e) => !e.closest('.table-scroll, pre') && e.getBoundingClientRect().right > w + 1)
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5),
      width,
    );
    expect(wide).toEqual([]);
  });

  test('every anchor link resolves, and following one into a closed claim opens it', async () => {
    const targets = await page.locator('a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice(1)));
    expect(targets.length).toBeGreaterThan(10);
    const missing = await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), targets);
    expect(missing).toEqual([]);
    const fresh = await context.newPage();
    await fresh.setViewportSize({ width, height });
    await fresh.goto(visits.clean.url, { waitUntil: 'load' });
    const link = fresh.locator('#scorecard .score-row a[href*="--"]').first();
    const id = (await link.getAttribute('href'))!.slice(1);
    await link.click();
    await expect.poll(() => fresh.evaluate((i) => document.getElementById(i)!.checkVisibility(), id)).toBe(true);
    await fresh.close();
  });
});
