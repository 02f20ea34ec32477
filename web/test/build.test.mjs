import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the build: hashed assets, no inline script or style, CSP, well under 100 KB gzipped', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'notejam-web-build-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(web, 'build.mjs'), out], { stdio: 'pipe' });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const assets = readdirSync(join(out, 'assets')).sort();
  assert.equal(assets.length, 3);
  for (const name of assets) assert.match(name, /^(main|favicon)-[A-Za-z0-9]{8}\.(js|css|svg)$/);
  for (const name of assets) assert.ok(html.includes(`/assets/${name}`), `index.html links ${name}`);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  assert.match(html, /Content-Security-Policy" content="[^"]*script-src 'self'; style-src 'self'/);
  const gz = assets.filter((n) => /\.(js|css)$/.test(n))
    .reduce((sum, n) => sum + gzipSync(readFileSync(join(out, 'assets', n))).length, 0);
  assert.ok(gz < 40 * 1024, `JS+CSS ${gz} bytes gzipped`);
  // The bundle never writes the access token to storage.
  const js = readFileSync(join(out, 'assets', assets.find((n) => n.endsWith('.js'))), 'utf8');
  assert.doesNotMatch(js, /localStorage|sessionStorage|document\.cookie/);
});
