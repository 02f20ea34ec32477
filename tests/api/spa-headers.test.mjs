// The SPA served by the API (NOTEJAM_WEB_ROOT) carries the same security headers as the nginx image: every
// add_header of docker/web/security-headers.conf, same name and value, on the page, an asset and a client route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/stack.mjs';
import { setup, teardown } from './helpers.mjs';

const conf = readFileSync(join(ROOT, 'docker/web/security-headers.conf'), 'utf8');
const NGINX = [...conf.matchAll(/^\s*add_header\s+([A-Za-z-]+)\s+"([^"]*)"\s+always;/gm)].map(([, name, value]) => [name.toLowerCase(), value]);

let t, webRoot;
before(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'notejam-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Notejam</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1);');
  t = await setup({ webRoot });
});
after(async () => {
  await teardown(t);
  rmSync(webRoot, { recursive: true, force: true });
});

test('the nginx image sets the headers this test compares', () => {
  const names = NGINX.map(([n]) => n);
  for (const h of ['content-security-policy', 'strict-transport-security', 'permissions-policy', 'cross-origin-opener-policy'])
    assert.ok(names.includes(h), `${h} in security-headers.conf`);
});

for (const path of ['/', '/assets/app-1234.js', '/pads/12']) {
  test(`GET ${path} from the API has every security header of the nginx image, with the same value`, async () => {
    const r = await fetch(`${t.stack.baseUrl}${path}`);
    assert.equal(r.status, 200);
    for (const [name, value] of NGINX) assert.equal(r.headers.get(name), value, name);
  });
}
