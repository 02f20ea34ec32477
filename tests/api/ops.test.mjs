// Operations endpoints, HTTP hygiene (headers, request ids, CORS, router errors) and the SPA file server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, teardown, waitFor } from './helpers.mjs';

let t, web;
before(async () => {
  web = mkdtempSync(join(tmpdir(), 'notejam-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Notejam SPA</title>');
  writeFileSync(join(web, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'notejam-outside-secret.txt'), 'outside');
  t = await setup({ webRoot: web, env: { NOTEJAM_CORS_ORIGINS: 'https://app.example.org' } });
});
after(async () => {
  await teardown(t);
  rmSync(web, { recursive: true, force: true });
});

test('healthz, readyz, version', async () => {
  const h = await t.get('/healthz');
  assert.equal(h.status, 200);
  assert.deepEqual(h.body, { status: 'ok' });
  const r = await t.get('/readyz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.checks, { postgres: 'ok', redis: 'ok' });
  const v = await t.get('/version');
  assert.equal(v.status, 200);
  assert.match(v.body.commit, /^[0-9a-f]{7,40}$|^unknown$/);
  assert.ok(v.body.version && v.body.build_time);
});

test('metrics expose request counts and histograms per route template and status, and build info', async () => {
  const u = await t.signup();
  await t.get('/api/v1/notes', u.token);
  await t.get('/api/v1/notes/12345', u.token);
  await t.post('/api/v1/auth/signin', { email: u.email, password: 'wrong password' });
  const m = await t.get('/metrics');
  assert.equal(m.status, 200);
  assert.match(m.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  assert.match(m.text, /notejam_http_requests_total\{route="\/api\/v1\/notes",method="GET",status="200"\} [1-9]/);
  assert.match(m.text, /notejam_http_requests_total\{route="\/api\/v1\/notes\/\{id\}",method="GET",status="404"\} 1/);
  assert.match(m.text, /notejam_http_request_duration_seconds_bucket\{route="\/api\/v1\/notes",method="GET",status="200",le="\+Inf"\} [1-9]/);
  assert.match(m.text, /notejam_auth_events_total\{event="signin_failure"\} 1/);
  assert.match(m.text, /notejam_auth_events_total\{event="signup"\} 1/);
  assert.match(m.text, /notejam_build_info\{version="[^"]+",commit="[^"]+"\} 1/);
  assert.match(m.text, /notejam_db_pool_size 8/);
  assert.match(m.text, /notejam_db_query_duration_seconds_count\{query="list_notes_updated_desc"\} [1-9]/);
  assert.match(m.text, /process_resident_memory_bytes [1-9]/);
});

test('every response carries a request id (echoed when sane) and nosniff; API responses are no-store', async () => {
  const echoed = await t.req('GET', '/healthz', { headers: { 'x-request-id': 'trace-abc.123' } });
  assert.equal(echoed.headers.get('x-request-id'), 'trace-abc.123');
  const replaced = await t.req('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
  assert.match(replaced.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
  assert.equal(replaced.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(replaced.headers.get('cache-control'), 'no-store');
  await t.req('GET', '/api/v1/notes', { headers: { 'x-request-id': 'find-me-in-logs' } });
  await waitFor(() => /"request_id":"find-me-in-logs","method":"GET","route":"\/api\/v1\/notes","status":401/.test(t.stack.api.logs()),
    { what: 'the request log line' });
});

test('unknown routes are 404 and wrong methods 405 with Allow, both problem+json', async () => {
  const nf = await t.req('GET', '/api/v1/nothing', { unrouted: true });
  assert.equal(nf.status, 404);
  assert.equal(nf.headers.get('content-type'), 'application/problem+json');
  const na = await t.req('PUT', '/api/v1/pads', { unrouted: true, json: {} });
  assert.equal(na.status, 405);
  assert.equal(na.headers.get('allow'), 'GET, POST, OPTIONS');
  assert.equal(na.body.status, 405);
});

test('CORS: only listed origins get Access-Control headers; preflight answered', async () => {
  const ok = await t.req('GET', '/healthz', { headers: { origin: 'https://app.example.org' } });
  assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example.org');
  assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
  const evil = await t.req('GET', '/healthz', { headers: { origin: 'https://evil.example' } });
  assert.equal(evil.headers.get('access-control-allow-origin'), null);
  const pre = await t.req('OPTIONS', '/api/v1/notes', { headers: { origin: 'https://app.example.org',
    'access-control-request-method': 'POST' } });
  assert.equal(pre.status, 204);
  assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
  assert.match(pre.headers.get('access-control-allow-headers'), /Authorization/);
});

test('the SPA: index with CSP and no-cache, immutable assets, history fallback, no traversal', async () => {
  const index = await t.get('/');
  assert.equal(index.status, 200);
  assert.match(index.text, /Notejam SPA/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-security-policy'), /script-src 'self'/);
  assert.match(index.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  const asset = await t.get('/assets/app-1a2b3c.js');
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type'), /javascript/);
  assert.match(asset.headers.get('cache-control'), /immutable/);
  const deep = await t.get('/notes/42/edit');
  assert.equal(deep.status, 200);
  assert.match(deep.text, /Notejam SPA/);
  assert.equal((await t.get('/assets/missing-123.js')).status, 404);
  for (const p of ['/../notejam-outside-secret.txt', '/%2e%2e/notejam-outside-secret.txt', '/assets/..%2f..%2fnotejam-outside-secret.txt', '/..%5c..%5cetc%5cpasswd']) {
    const r = await t.get(p);
    assert.ok(!r.text.includes('outside'), p);
  }
  assert.equal((await t.req('POST', '/', { body: 'x' })).status, 405);
});
