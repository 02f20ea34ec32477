// Loads the SPA from the web image in Debian's Chromium and fails on any Content-Security-Policy violation,
// page error, or an app that does not render (at / and at a deep link served by the history fallback).
// Usage: node browser-csp.mjs BASE_URL
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const problems = [];
try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  page.on('console', (m) => { if (/Content.Security.Policy|CSP violation|Refused to/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  for (const path of ['/', '/notes']) {
    const res = await page.goto(new URL(path, base).href, { waitUntil: 'load', timeout: 15000 });
    assert.equal(res.status(), 200, path);
    await page.waitForFunction(() => document.querySelector('#app')?.childNodes.length > 0, null, { timeout: 10000 });
  }
} finally {
  await browser.close();
}
assert.deepEqual(problems, [], 'the SPA must run under the CSP without violations');
console.log('Chromium: the SPA renders under the CSP with no violation');
