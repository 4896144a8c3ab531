// Opens a local HTML file in Debian's headless Chromium (driven by playwright-core) and reports
// what happened: requests other than the page itself, console errors, page errors, and whether
// the hostile payload ran.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface PageVisit {
  title: string;
  text: string;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  pwned: unknown;
  svgCount: number;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function visit(file: string): Promise<PageVisit> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const url = pathToFileURL(file).href;
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    return {
      title: await page.title(),
      text: await page.innerText('body'),
      requests,
      consoleErrors,
      pageErrors,
      pwned: await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned),
      svgCount: await page.locator('svg').count(),
    };
  } finally {
    await browser.close();
  }
}
