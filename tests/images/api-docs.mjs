// Through the web image's /api/ proxy: the API image serves its contract (ETag, 304) and the reference page
// /api/docs, which renders every operation in Debian's Chromium under the API's CSP with no violation.
// Usage: node api-docs.mjs BASE_URL
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.argv[2];
const spec = await fetch(new URL('/api/v1/openapi.json', base));
assert.equal(spec.status, 200);
const etag = spec.headers.get('etag');
const ops = Object.values((await spec.json()).paths).flatMap((item) =>
  ['get', 'put', 'post', 'delete', 'patch'].filter((m) => item[m]));
const again = await fetch(new URL('/api/v1/openapi.json', base), { headers: { 'if-none-match': etag } });
assert.equal(again.status, 304, 'revalidation passes the proxy');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const res = await page.goto(new URL('/api/docs', base).href, { waitUntil: 'load', timeout: 30000 });
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'], /script-src 'self';/);
  await page.waitForFunction((n) => document.querySelectorAll('.opblock').length === n, ops.length, { timeout: 30000 });
} finally {
  await browser.close();
}
assert.deepEqual(problems, [], 'the reference page must run under the CSP without violations');
console.log(`Chromium: /api/docs renders ${ops.length} operations from the API image under its CSP`);
