// Generates a realistic mix of traffic against a running API and records what the logs must show for it:
// every request carries its own X-Request-Id so its log line can be found; every secret used is remembered.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../../lib/stack.mjs';

// hooks.scraped(expr): resolves once Prometheus shows expr (optional; separates two batches of errors by a scrape).
export async function generateTraffic(stack, hooks = {}) {
  const secrets = new Set([stack.jwtKey]);
  const expected = []; // { requestId, method, route, status, userId }
  let n = 0;

  async function call(method, path, { json, token, route, userId = 0 } = {}) {
    const requestId = `mon-${process.pid}-${++n}`;
    const headers = { 'x-request-id': requestId };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(stack.baseUrl + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    const text = await res.text();
    const body = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined;
    expected.push({ requestId, method, route, status: res.status, userId });
    return { status: res.status, body };
  }
  const must = (r, status, what) => {
    if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const keep = (...values) => values.forEach((v) => v && secrets.add(v));

  const email = `mon-${randomBytes(4).toString('hex')}@example.org`;
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  const wrongPassword = `Wrong-${randomBytes(9).toString('base64url')}`;
  keep(password, wrongPassword);

  const up = must(await call('POST', '/api/v1/auth/signup', { json: { email, password }, route: '/api/v1/auth/signup' }), 201, 'signup');
  const uid = up.user.id;
  keep(up.access_token, up.refresh_token);
  // signup is anonymous on the way in; the log may name the new user or not, so it is not checked.
  expected.at(-1).userId = undefined;

  must(await call('POST', '/api/v1/auth/signin', { json: { email, password: wrongPassword }, route: '/api/v1/auth/signin' }), 401, 'wrong password');
  const si = must(await call('POST', '/api/v1/auth/signin', { json: { email, password }, route: '/api/v1/auth/signin' }), 200, 'signin');
  expected.at(-1).userId = undefined;
  keep(si.access_token, si.refresh_token);
  const token = si.access_token;

  // Rotate the refresh token twice, then present the first one again: refresh-token reuse (once its successor
  // was used, the API's concurrent-refresh grace no longer applies).
  const rf = must(await call('POST', '/api/v1/auth/refresh', { json: { refresh_token: si.refresh_token }, route: '/api/v1/auth/refresh' }), 200, 'refresh');
  expected.at(-1).userId = undefined;
  keep(rf.access_token, rf.refresh_token);
  const rf2 = must(await call('POST', '/api/v1/auth/refresh', { json: { refresh_token: rf.refresh_token }, route: '/api/v1/auth/refresh' }), 200, 'refresh again');
  expected.at(-1).userId = undefined;
  keep(rf2.access_token, rf2.refresh_token);
  must(await call('POST', '/api/v1/auth/refresh', { json: { refresh_token: si.refresh_token }, route: '/api/v1/auth/refresh' }), 401, 'refresh reuse');

  const auth = { token, userId: uid };
  const pad = must(await call('POST', '/api/v1/pads', { json: { name: 'Work' }, route: '/api/v1/pads', ...auth }), 201, 'create pad');
  for (let i = 0; i < 5; i++)
    must(await call('POST', '/api/v1/notes', { json: { name: `Note ${i}`, text: 'text', pad_id: pad.id }, route: '/api/v1/notes', ...auth }), 201, 'create note');
  const list = must(await call('GET', '/api/v1/notes?order=name', { route: '/api/v1/notes', ...auth }), 200, 'list notes');
  must(await call('GET', `/api/v1/notes/${list.items[0].id}`, { route: '/api/v1/notes/{id}', ...auth }), 200, 'get note');
  must(await call('PATCH', `/api/v1/notes/${list.items[0].id}`, { json: { text: 'changed' }, route: '/api/v1/notes/{id}', ...auth }), 200, 'patch note');
  must(await call('GET', '/api/v1/notes/999999999', { route: '/api/v1/notes/{id}', ...auth }), 404, 'missing note');
  must(await call('GET', `/api/v1/pads/${pad.id}/notes`, { route: '/api/v1/pads/{id}/notes', ...auth }), 200, 'pad notes');
  must(await call('GET', '/api/v1/me', { route: '/api/v1/me', ...auth }), 200, 'me');
  must(await call('GET', '/api/v1/me', { route: '/api/v1/me', token: 'not-a-jwt' }), 401, 'bad token');
  must(await call('GET', '/api/v1/no-such-thing', { route: 'unmatched' }), 404, 'unknown route');

  // Password reset through the mail outbox: the reset token must not reach the log either.
  must(await call('POST', '/api/v1/auth/forgot-password', { json: { email }, route: '/api/v1/auth/forgot-password' }), 202, 'forgot');
  const mail = await waitFor(() => readdirSync(stack.mailDir).find((f) => f.endsWith('.eml')), { what: 'reset mail' });
  const resetToken = /reset-password\?token=3D([A-Za-z0-9_-]+)|reset-password\?token=([A-Za-z0-9_-]+)/.exec(
    readFileSync(join(stack.mailDir, mail), 'utf8').replace(/=\r?\n/g, ''));
  if (!resetToken) throw new Error('no reset link in the mail');
  const newPassword = `New-${randomBytes(9).toString('base64url')}`;
  keep(resetToken[1] ?? resetToken[2], newPassword);
  must(await call('POST', '/api/v1/auth/reset-password', { json: { token: resetToken[1] ?? resetToken[2], password: newPassword }, route: '/api/v1/auth/reset-password' }), 204, 'reset');

  // A PostgreSQL outage: note reads answer 503 and the API counts connection errors, then recovers by itself.
  await stack.pg.stop();
  const outage = async () => {
    for (let i = 0; i < 3; i++)
      must(await call('GET', '/api/v1/notes', { route: '/api/v1/notes', ...auth }), 503, 'notes while PostgreSQL is down');
  };
  await outage();
  must(await call('GET', '/readyz', { route: '/readyz' }), 503, 'readyz while PostgreSQL is down');
  await hooks.scraped?.('notejam_http_requests_total{route="/api/v1/notes",status="503"} >= 3');
  await outage();
  await stack.pg.start();
  await waitFor(async () => (await fetch(`${stack.baseUrl}/readyz`)).status === 200,
    { timeoutMs: 30000, what: 'readyz after PostgreSQL came back' });
  for (let i = 0; i < 5; i++) must(await call('GET', '/api/v1/notes', { route: '/api/v1/notes', ...auth }), 200, 'notes after the outage');

  for (const path of ['/healthz', '/readyz', '/version']) must(await call('GET', path, { route: path }), 200, path);
  return { secrets: [...secrets], expected, userId: uid };
}
