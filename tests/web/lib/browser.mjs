// Debian's Chromium driven by playwright-core (never a downloaded browser), with every page's console errors,
// failed requests and CSP violations recorded so tests can assert there were none.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run scripts/ensure-apt.sh chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * A fresh browser context (own cookies) and page. `page.problems` collects CSP violations and uncaught errors;
 * `page.apiCalls` records every /api/v1 request as "METHOD /path -> status".
 */
export async function openPage(browser, baseUrl, { width = 1280, height = 800, locale = 'en-GB', bypassCSP = false } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl, viewport: { width, height }, locale, timezoneId: 'Europe/Berlin', bypassCSP,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.problems = [];
  page.apiCalls = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) page.problems.push(m.text());
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/v1/')) page.apiCalls.push(`${r.request().method()} ${url.pathname} -> ${r.status()}`);
  });
  return page;
}
