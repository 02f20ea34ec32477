// The API reference page's build: its own fingerprinted bundle (never in the SPA's), no inline script or style,
// the same CSP as the SPA plus data: images (Swagger UI's icons), and the SPA's bundle stays small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = (script, out) => execFileSync(process.execPath, [join(web, script), out], { stdio: 'pipe' });

test('the reference page is a separate bundle under the CSP; the SPA bundle has none of it', (t) => {
  const docs = mkdtempSync(join(tmpdir(), 'notejam-docs-build-'));
  const spa = mkdtempSync(join(tmpdir(), 'notejam-web-build-'));
  t.after(() => [docs, spa].forEach((d) => rmSync(d, { recursive: true, force: true })));
  build('build-docs.mjs', docs);
  build('build.mjs', spa);
  const files = readdirSync(docs).sort();
  assert.equal(files.length, 3);
  assert.deepEqual(files, ['docs.css', 'docs.js', 'index.html'], 'the three files the API serves');
  const html = readFileSync(join(docs, 'index.html'), 'utf8');
  for (const name of ['docs.js', 'docs.css']) {
    assert.match(html, new RegExp(`"/api/docs/${name}\\?v=[0-9a-f]{12}"`), `${name} is loaded with its content hash`);
  }
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  const spaCsp = readFileSync(join(spa, 'index.html'), 'utf8').match(/Content-Security-Policy" content="([^"]+)"/)[1];
  const docsCsp = html.match(/Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(docsCsp, spaCsp.replace("img-src 'self'", "img-src 'self' data:"));
  const js = readFileSync(join(docs, 'docs.js'), 'utf8');
  assert.ok(js.includes('SwaggerUIBundle'), 'Swagger UI is in the page bundle');
  assert.ok(!/https?:\/\/(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com)/.test(js), 'nothing loaded from a CDN');
  const spaJs = readdirSync(join(spa, 'assets')).filter((n) => /\.(js|css)$/.test(n))
    .map((n) => readFileSync(join(spa, 'assets', n), 'utf8'));
  assert.ok(spaJs.every((s) => !/swagger/i.test(s)), 'no Swagger UI in the SPA bundle');
  const gz = spaJs.reduce((sum, s) => sum + gzipSync(s).length, 0);
  assert.ok(gz < 20 * 1024, `SPA JS+CSS ${gz} bytes gzipped (was ~17 KB before the reference page)`);
});
