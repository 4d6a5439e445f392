import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { ResultsFile } from '../../src/report/reportModel.ts';
import { writeReport } from '../../src/report/writeReport.ts';
import { countedIndependently, fixtureResults, INJECTION } from './fixture.ts';

/**
 * The report as a reader's browser sees it: Debian's chromium (installed by .ci/run), headless,
 * offline by construction. A missing chromium fails this test loudly; it never skips.
 */
const CHROMIUM = process.env.THEORYCHECK_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = resolve('reports', 'test-artifacts');

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
    throw new Error(`chromium not found at ${CHROMIUM}: the report's browser test needs it (apt-get install -y chromium; .ci/run installs it)`);
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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

  test('every chart is a visible SVG of real size, and every image decoded', async () => {
    const { page } = visits.clean.visit!;
    const charts = await page.locator('figure.chart').evaluateAll((figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('.chart-svg > svg');
        const box = svg?.getBoundingClientRect();
        return {
          title: figure.getAttribute('data-chart'),
          visible: !!svg && svg.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('.mark-symbol path, .mark-line path, .mark-rect path').length ?? 0,
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
      await page.locator('[data-count]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-count'), Number(n.querySelector('.count-value')!.textContent)])),
    );
    expect(shown).toEqual(countedIndependently(claims));
    expect(await page.locator('table.summary tbody tr').count()).toBe(claims.length);
    expect(await page.locator('#partial-banner').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    await page.locator('article.regime').first().screenshot({ path: join(ARTIFACTS, 'report-claim.png') });
  });

  test('hostile strings are shown as text and run nothing', async () => {
    const { page } = visits.hostile.visit!;
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script:not([type="application/json"])').count()).toBe(0);
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    for (const where of ['title ', 'statement ', 'finding ', 'detail ', 'condition ', 'experiment ']) expect(text, where).toContain(`${where}${INJECTION}`);
    expect(text).toContain(`fixtures/corpus/${INJECTION}.json`);
    expect(await page.locator('#partial-banner').isVisible()).toBe(true);
    // The chart data beside each SVG parses back to the spec, hostile strings intact.
    const data = await page.locator('script.chart-data').evaluateAll((nodes) => nodes.map((n) => JSON.parse(n.textContent!)));
    expect(JSON.stringify(data)).toContain(JSON.stringify(INJECTION).slice(1, -1));
  });
});
