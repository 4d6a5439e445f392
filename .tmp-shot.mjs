import { chromium } from 'playwright-core';
const [, , file, out, w, h, full] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
await page.goto('file://' + file);
if (full === 'open') { await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true))); }
await page.screenshot({ path: out, fullPage: full === 'full' });
await browser.close();
