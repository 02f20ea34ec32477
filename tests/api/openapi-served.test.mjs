// The API serves its own contract (GET /api/v1/openapi.json and .yaml: the same document as openapi.yaml, cacheable,
// revalidated by ETag) and the reference page /api/docs from NOTEJAM_DOCS_ROOT under the SPA's CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { ROOT, freePort } from '../lib/stack.mjs';
import { setup, teardown, waitFor } from './helpers.mjs';

const SOURCE = readFileSync(join(ROOT, 'openapi.yaml'), 'utf8');
let t, web, docs;
before(async () => {
  web = mkdtempSync(join(tmpdir(), 'notejam-web-'));
  docs = mkdtempSync(join(tmpdir(), 'notejam-docs-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Notejam SPA</title>');
  writeFileSync(join(docs, 'index.html'), '<!doctype html><title>Notejam API reference</title>');
  writeFileSync(join(docs, 'docs.js'), 'console.log(1)');
  writeFileSync(join(docs, 'docs.css'), 'body{}');
  writeFileSync(join(docs, 'other.js'), 'secret');
  t = await setup({ webRoot: web, env: { NOTEJAM_DOCS_ROOT: docs } });
});
after(async () => {
  await teardown(t);
  rmSync(web, { recursive: true, force: true });
  rmSync(docs, { recursive: true, force: true });
});

test('openapi.yaml is served byte for byte, openapi.json is the same document', async () => {
  const y = await t.get('/api/v1/openapi.yaml');
  assert.equal(y.status, 200);
  assert.equal(y.headers.get('content-type'), 'application/yaml');
  assert.equal(y.text, SOURCE);
  const j = await t.get('/api/v1/openapi.json');
  assert.equal(j.status, 200);
  assert.equal(j.headers.get('content-type'), 'application/json');
  assert.deepEqual(j.body, YAML.parse(SOURCE), 'the JSON form equals the YAML as a YAML 1.2 parser reads it');
});

test('both forms are cacheable: ETag, max-age, 304 on a matching If-None-Match (strong, weak, listed or *)', async () => {
  for (const path of ['/api/v1/openapi.json', '/api/v1/openapi.yaml']) {
    const first = await t.get(path);
    const etag = first.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{32}"$/, path);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=300', path);
    assert.equal((await t.get(path)).headers.get('etag'), etag, `${path}: stable`);
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const r = await t.req('GET', path, { headers: { 'if-none-match': inm } });
      assert.equal(r.status, 304, `${path} If-None-Match: ${inm}`);
      assert.equal(r.text, '', 'no body');
      assert.equal(r.headers.get('etag'), etag);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=300');
    }
    for (const inm of ['"0123"', etag.slice(0, -2) + '"', 'garbage', '']) {
      const r = await t.req('GET', path, { headers: { 'if-none-match': inm } });
      assert.equal(r.status, 200, `${path} If-None-Match: ${inm}`);
    }
    const head = await t.req('HEAD', path);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), etag);
    assert.equal(Number(head.headers.get('content-length')), Buffer.byteLength(first.text));
  }
  const [j, y] = await Promise.all([t.get('/api/v1/openapi.json'), t.get('/api/v1/openapi.yaml')]);
  assert.notEqual(j.headers.get('etag'), y.headers.get('etag'), 'two representations, two tags');
  assert.equal((await t.req('POST', '/api/v1/openapi.json', { json: {}, unrouted: true })).status, 405);
});

test('/api/docs: the page under the SPA\'s security headers (data: images besides), its script and stylesheet cached for a year', async () => {
  const spa = await t.get('/');
  const page = await t.get('/api/docs');
  assert.equal(page.status, 200);
  assert.match(page.text, /Notejam API reference/);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.ok(spa.headers.get('content-security-policy'), 'the SPA has a CSP');
  // The SPA's policy, directive for directive, but for data: images (Swagger UI's icons).
  const directives = (csp) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  const spaCsp = directives(spa.headers.get('content-security-policy'));
  assert.deepEqual(directives(page.headers.get('content-security-policy')), { ...spaCsp, 'img-src': [...spaCsp['img-src'], 'data:'] });
  for (const h of ['x-frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'strict-transport-security'])
    assert.equal(page.headers.get(h), spa.headers.get(h), h);
  const js = await t.get('/api/docs/docs.js?v=0123abcd');
  assert.equal(js.status, 200);
  assert.equal(js.text, 'console.log(1)');
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const css = await t.get('/api/docs/docs.css');
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal(css.text, 'body{}');
});

test('/api/docs serves only its three files: any other name is a 404, dot segments lead nowhere', async () => {
  for (const p of ['/api/docs/other.js', '/api/docs/index.html', '/api/docs/', '/api/docs/sub/docs.js', '/api/docs/%2e%2e.js']) {
    const r = await t.req('GET', p, { unrouted: true });
    assert.equal(r.status, 404, p);
    assert.equal(r.headers.get('content-type'), 'application/problem+json', p);
  }
  // civetweb removes dot segments before routing: these become /etc/passwd, /api/docs/other.js, ...
  for (const p of ['/api/docs/..%2f..%2fetc%2fpasswd', '/api/docs/x/..%2fother.js', '/api/docs/%2e%2e/%2e%2e/etc/passwd']) {
    const r = await t.req('GET', p, { validate: false });
    assert.ok(!r.text.includes('secret') && !r.text.includes('root:'), p);
  }
});

test('without NOTEJAM_DOCS_ROOT /api/docs is a 404 that says so; the contract is still served', async () => {
  const port = freePort();
  const env = { ...t.stack.api.env, NOTEJAM_LISTEN: `127.0.0.1:${port}`, NOTEJAM_DOCS_ROOT: '' };
  const proc = spawn(join(ROOT, 'build', process.env.NOTEJAM_TEST_ASAN === '1' ? 'asan/notejam' : 'notejam'), ['serve'],
    { env, stdio: 'ignore' });
  const exited = new Promise((resolve) => proc.on('exit', (code, sig) => resolve(code ?? sig)));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/healthz`)).ok, { what: 'second API' });
    const r = await fetch(`${base}/api/docs`);
    assert.equal(r.status, 404);
    assert.match((await r.json()).detail, /NOTEJAM_DOCS_ROOT/);
    assert.equal((await fetch(`${base}/api/v1/openapi.yaml`)).status, 200);
  } finally {
    proc.kill('SIGTERM');
    assert.equal(await exited, 0, 'the second API drained cleanly');
  }
});
