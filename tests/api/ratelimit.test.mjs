// Sign-in, sign-up and forgot-password are rate limited per IP and per account (429 with Retry-After).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, email, PASSWORD } from './helpers.mjs';

let t;
before(async () => {
  t = await setup({ env: { NOTEJAM_RATE_LIMIT: '3', NOTEJAM_RATE_WINDOW: '60', NOTEJAM_TRUSTED_PROXIES: '1' } });
});
after(async () => {
  await teardown(t);
});

const from = (ip) => ({ 'x-forwarded-for': ip });

test('per IP: the 4th sign-in from one address is 429 with Retry-After; another address still works', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    const r = await t.req('POST', '/api/v1/auth/signin', { json: { email: email(), password: PASSWORD }, headers: from('203.0.113.7') });
    statuses.push(r.status);
    if (r.status === 429) {
      const retry = Number(r.headers.get('retry-after'));
      assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    }
  }
  assert.deepEqual(statuses, [401, 401, 401, 429]);
  const other = await t.req('POST', '/api/v1/auth/signin', { json: { email: email(), password: PASSWORD }, headers: from('203.0.113.8') });
  assert.equal(other.status, 401);
});

test('per account: attempts on one email from many addresses are limited too', async () => {
  const target = email('victim');
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    const r = await t.req('POST', '/api/v1/auth/signin', { json: { email: target, password: 'guess ' + i }, headers: from(`198.51.100.${i + 1}`) });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses, [401, 401, 401, 429]);
  const m = await t.get('/metrics');
  assert.match(m.text, /notejam_auth_events_total\{event="rate_limited"\} [1-9]/);
});

test('forgot-password and sign-up are limited as well', async () => {
  const fp = [];
  for (let i = 0; i < 4; i++) fp.push((await t.req('POST', '/api/v1/auth/forgot-password', { json: { email: email() }, headers: from('192.0.2.50') })).status);
  assert.deepEqual(fp, [202, 202, 202, 429]);
  const su = [];
  for (let i = 0; i < 4; i++) su.push((await t.req('POST', '/api/v1/auth/signup', { json: { email: email(), password: PASSWORD }, headers: from('192.0.2.51') })).status);
  assert.deepEqual(su, [201, 201, 201, 429]);
});
