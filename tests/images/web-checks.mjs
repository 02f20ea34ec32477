// HTTP behaviour of the web image: history fallback, caching, gzip, security headers, 404 for missing assets.
// Usage: node web-checks.mjs BASE_URL
import assert from 'node:assert/strict';
import http from 'node:http';

const base = process.argv[2];
const get = (path, headers = {}) =>
  new Promise((resolve, reject) => {
    const req = http.get(new URL(path, base), { headers, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${path}`)));
    req.on('error', reject);
  });

const index = await get('/');
assert.equal(index.status, 200);
assert.match(index.headers['content-type'], /^text\/html/);
assert.equal(index.headers['cache-control'], 'no-cache');
const csp = index.headers['content-security-policy'];
assert.match(csp, /script-src 'self'(;|$)/);
assert.match(csp, /style-src 'self'(;|$)/);
assert.match(csp, /frame-ancestors 'none'/);
assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
assert.equal(index.headers['x-content-type-options'], 'nosniff');
assert.ok(index.headers['referrer-policy'], 'no Referrer-Policy');
assert.ok(!/nginx\//.test(index.headers.server ?? ''), 'server version leaked');

// The SPA satisfies its CSP: no inline script or style, every asset same-origin.
const html = index.body.toString();
assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline <script>');
assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'inline style or event handler');
const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
assert.ok(assets.length >= 2, `expected fingerprinted JS and CSS in index.html, got ${assets}`);

for (const path of assets) {
  const a = await get(path, { 'accept-encoding': 'gzip' });
  assert.equal(a.status, 200, path);
  assert.match(a.headers['cache-control'], /max-age=31536000/, path);
  assert.match(a.headers['cache-control'], /immutable/, path);
  // nginx compresses text assets from 256 bytes on (gzip_min_length).
  if (/\.(js|css|svg)$/.test(path) && a.headers['content-encoding'] !== 'gzip') assert.ok(a.body.length < 256, `${path} not gzipped`);
}

const route = await get('/notes/42/edit');
assert.equal(route.status, 200, 'history fallback');
assert.equal(route.body.toString(), html);
assert.equal(route.headers['cache-control'], 'no-cache');

const missing = await get('/assets/missing-00000000.js');
assert.equal(missing.status, 404, 'a missing asset must be 404, not index.html');
console.log(`web checks passed (${assets.length} assets)`);
