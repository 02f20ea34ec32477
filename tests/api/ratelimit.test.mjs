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

test('per account: failures from many addresses are limited; past the limit each address gets one try per back-off', async () => {
  const target = email('victim');
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const r = await t.req('POST', '/api/v1/auth/signin', { json: { email: target, password: 'guess ' + i }, headers: from(`198.51.100.${i + 1}`) });
    statuses.push(r.status);
  }
  // over the account's limit: an address that already tried waits out its back-off (window / limit = 20 s)
  const again = await t.req('POST', '/api/v1/auth/signin', { json: { email: target, password: 'guess 4' }, headers: from('198.51.100.1') });
  statuses.push(again.status);
  assert.deepEqual(statuses, [401, 401, 401, 401]);
  const third = await t.req('POST', '/api/v1/auth/signin', { json: { email: target, password: 'guess 5' }, headers: from('198.51.100.1') });
  assert.equal(third.status, 429);
  assert.ok(Number(third.headers.get('retry-after')) <= 20, `Retry-After ${third.headers.get('retry-after')}`);
  const m = await t.get('/metrics');
  assert.match(m.text, /notejam_auth_events_total\{event="rate_limited"\} [1-9]/);
});

test('per account: successful sign-ins are not counted', async () => {
  const u = await t.signup(email('often'));
  for (let i = 0; i < 5; i++) {
    const r = await t.req('POST', '/api/v1/auth/signin', { json: { email: u.email, password: PASSWORD }, headers: from(`198.18.0.${i + 1}`) });
    assert.equal(r.status, 200, `sign-in ${i + 1}`);
  }
});

test("the owner's correct password is not locked out by an attacker's failures elsewhere", async () => {
  const u = await t.signup(email('owner'));
  for (let i = 0; i < 4; i++)
    await t.req('POST', '/api/v1/auth/signin', { json: { email: u.email, password: 'wrong ' + i }, headers: from(`198.18.1.${i % 2 + 1}`) });
  const owner = await t.req('POST', '/api/v1/auth/signin', { json: { email: u.email, password: PASSWORD }, headers: from('198.18.9.9') });
  assert.equal(owner.status, 200);
});

test('per account: the count is keyed on the email as PostgreSQL lower-cases it (Kelvin sign K = k)', async () => {
  const tag = `kate-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const u = await t.signup(tag);
  const kelvin = '\u212Aate' + tag.slice(4); // U+212A KELVIN SIGN, lower() = k
  for (let i = 0; i < 3; i++)
    await t.req('POST', '/api/v1/auth/signin', { json: { email: kelvin, password: 'wrong' }, headers: from(`198.18.3.${i + 1}`) });
  // three failures on one identity: 198.18.3.1 has one try left per back-off, whichever spelling it uses
  const first = await t.req('POST', '/api/v1/auth/signin', { json: { email: u.email, password: 'wrong again' }, headers: from('198.18.3.1') });
  const second = await t.req('POST', '/api/v1/auth/signin', { json: { email: u.email, password: 'wrong again' }, headers: from('198.18.3.1') });
  assert.deepEqual([first.status, second.status], [401, 429], 'the spellings share one count');
  const owner = await t.req('POST', '/api/v1/auth/signin', { json: { email: kelvin, password: PASSWORD }, headers: from('198.18.4.1') });
  assert.equal(owner.status, 200, 'the database finds the account through the variant, and the owner gets in');
});

test('reset-password is limited per client; every limited endpoint sends RateLimit-Policy and RateLimit', async () => {
  const statuses = [];
  const seen = [];
  for (let i = 0; i < 4; i++) {
    const r = await t.req('POST', '/api/v1/auth/reset-password', { json: { token: 'A'.repeat(43), password: 'a long enough password' }, headers: from('192.0.2.77') });
    statuses.push(r.status);
    seen.push([r.headers.get('ratelimit-policy'), r.headers.get('ratelimit')]);
  }
  assert.deepEqual(statuses, [422, 422, 422, 429]);
  assert.deepEqual(seen.map(([p]) => p), Array(4).fill('"client";q=3;w=60'));
  const remaining = seen.map(([, v]) => Number(v.match(/^"client";r=(\d+);t=(\d+)$/)[1]));
  assert.deepEqual(remaining, [2, 1, 0, 0]);
  for (const [path, json] of [
    ['/api/v1/auth/signin', { email: email(), password: PASSWORD }],
    ['/api/v1/auth/signup', { email: email(), password: PASSWORD }],
    ['/api/v1/auth/forgot-password', { email: email() }],
  ]) {
    const r = await t.req('POST', path, { json, headers: from('192.0.2.78') });
    assert.equal(r.headers.get('ratelimit-policy'), '"client";q=3;w=60', path);
    assert.match(r.headers.get('ratelimit'), /^"client";r=[0-2];t=([1-9]|[1-5][0-9]|60)$/, path);
  }
});

test('forgot-password and sign-up are limited as well', async () => {
  const fp = [];
  for (let i = 0; i < 4; i++) fp.push((await t.req('POST', '/api/v1/auth/forgot-password', { json: { email: email() }, headers: from('192.0.2.50') })).status);
  assert.deepEqual(fp, [202, 202, 202, 429]);
  const su = [];
  for (let i = 0; i < 4; i++) su.push((await t.req('POST', '/api/v1/auth/signup', { json: { email: email(), password: PASSWORD }, headers: from('192.0.2.51') })).status);
  assert.deepEqual(su, [201, 201, 201, 429]);
});
