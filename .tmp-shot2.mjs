import { chromium } from 'playwright-core';
const [, , file, out, sel] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto('file://' + file);
const el = await page.$(sel);
await el.screenshot({ path: out });
await browser.close();
