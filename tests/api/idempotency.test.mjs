// Idempotency-Key on the creates (POST /pads, POST /notes): a retry with the same key and body replays the first
// answer and creates nothing, another body is 422, parallel duplicates create one object, keys are per user, answers
// live 24 h in Redis, and without Redis a request with a key is 503 while one without a key still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { setup, teardown, waitFor } from './helpers.mjs';

let t, u;
before(async () => {
  t = await setup();
  u = await t.signup();
});
after(async () => {
  await teardown(t);
});

const create = (path, json, key, user = u) =>
  t.req('POST', path, { token: user.token, json, headers: key === undefined ? {} : { 'idempotency-key': key } });
const count = async (kind, user = u) => (await t.get(`/api/v1/${kind}?include=total`, user.token)).body.total;
const redis = (...args) => execFileSync('redis-cli', ['-u', t.stack.redis.url, ...args], { encoding: 'utf8' }).trim();

for (const [kind, body] of [['pads', { name: 'groceries' }], ['notes', { name: 'call', text: 'the bank' }]]) {
  const path = `/api/v1/${kind}`;

  test(`${kind}: the same key and body replay the first answer (status, body, Location, ETag) and create nothing`, async () => {
    const key = randomUUID();
    const before_ = await count(kind);
    const first = await create(path, body, key);
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    for (let i = 0; i < 2; i++) {
      const again = await create(path, body, key);
      assert.equal(again.status, 201);
      assert.equal(again.text, first.text, 'byte-identical body');
      assert.equal(again.headers.get('location'), first.headers.get('location'));
      assert.equal(again.headers.get('etag'), first.headers.get('etag'));
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
    }
    assert.equal(await count(kind), before_ + 1, 'one object');
  });

  test(`${kind}: the same key with another body (or on the other create) is 422 and creates nothing`, async () => {
    const key = randomUUID();
    await create(path, body, key);
    const before_ = await count(kind);
    const other = await create(path, { ...body, name: 'something else' }, key);
    assert.equal(other.status, 422);
    assert.deepEqual(Object.keys(other.body.errors), ['Idempotency-Key']);
    const otherPath = kind === 'pads' ? '/api/v1/notes' : '/api/v1/pads';
    const cross = await create(otherPath, kind === 'pads' ? { name: 'groceries', text: '' } : { name: 'call' }, key);
    assert.equal(cross.status, 422, 'a key names one request, not one body on any path');
    assert.equal(await count(kind), before_);
  });

  test(`${kind}: concurrent duplicates create exactly one object; the rest are replays or 409 + Retry-After`, async () => {
    const key = randomUUID();
    const before_ = await count(kind);
    const json = { ...body, name: `parallel ${key.slice(0, 8)}` };
    const results = await Promise.all(Array.from({ length: 8 }, () => create(path, json, key)));
    const created = results.filter((r) => r.status === 201);
    assert.ok(created.length >= 1, 'one of them created it');
    assert.equal(new Set(created.map((r) => r.body.id)).size, 1, 'every 201 names the same object');
    assert.equal(created.filter((r) => r.headers.get('idempotent-replayed') !== 'true').length, 1, 'one original');
    for (const r of results.filter((x) => x.status !== 201)) {
      assert.equal(r.status, 409);
      assert.ok(Number(r.headers.get('retry-after')) >= 1);
    }
    const settled = await create(path, json, key);
    assert.equal(settled.body.id, created[0].body.id, 'a later retry replays the same object');
    assert.equal(await count(kind), before_ + 1);
  });
}

test('keys are per user: the same key from another user creates that user\'s own object', async () => {
  const other = await t.signup();
  const key = randomUUID();
  const a = await create('/api/v1/pads', { name: 'mine' }, key);
  const b = await create('/api/v1/pads', { name: 'mine' }, key, other);
  assert.equal(b.status, 201);
  assert.notEqual(b.body.id, a.body.id);
  assert.equal(b.headers.get('idempotent-replayed'), null);
  assert.equal((await t.get(`/api/v1/pads/${a.body.id}`, other.token)).status, 404);
});

test('an error answer is not kept: fix the body and retry with the same key', async () => {
  const key = randomUUID();
  const bad = await create('/api/v1/notes', { name: '', text: '' }, key);
  assert.equal(bad.status, 422);
  const foreignPad = await create('/api/v1/notes', { name: 'x', text: '', pad_id: 999999999 }, key);
  assert.equal(foreignPad.status, 422);
  assert.ok(foreignPad.body.errors.pad_id);
  const good = await create('/api/v1/notes', { name: 'fixed', text: '' }, key);
  assert.equal(good.status, 201);
  assert.equal(good.headers.get('idempotent-replayed'), null);
});

test('a key that is empty, too long or not printable ASCII is 400 and creates nothing', async () => {
  const before_ = await count('pads');
  for (const key of ['', 'x'.repeat(256), 'caf\u00e9']) {
    const r = await create('/api/v1/pads', { name: 'k' }, key);
    assert.equal(r.status, 400, JSON.stringify(key));
    assert.match(r.body.detail, /Idempotency-Key/);
  }
  assert.equal((await create('/api/v1/pads', { name: 'k' }, 'x'.repeat(255))).status, 201, '255 characters are fine');
  assert.equal(await count('pads'), before_ + 1);
});

test('the answer is kept in Redis for 24 hours under the user and a hash of the key (the key itself is not stored)', async () => {
  const key = `order-${randomUUID()}`;
  await create('/api/v1/pads', { name: 'ttl' }, key);
  const rkey = `nj:idem:${u.user.id}:${createHash('sha256').update(key).digest('hex')}`;
  const ttl = Number(redis('TTL', rkey));
  assert.ok(ttl > 86400 - 60 && ttl <= 86400, `TTL ${ttl}`);
  assert.ok(!redis('--scan', '--pattern', 'nj:idem:*').includes(key));
  // an expired answer is forgotten: the same key creates again
  redis('EXPIRE', rkey, '0');
  const again = await create('/api/v1/pads', { name: 'ttl' }, key);
  assert.equal(again.headers.get('idempotent-replayed'), null);
});

test('without Redis: a create with a key is 503 + Retry-After and creates nothing; without a key it works', async () => {
  const before_ = await count('notes');
  await t.stack.redis.stop();
  try {
    const withKey = await create('/api/v1/notes', { name: 'k', text: '' }, randomUUID());
    assert.equal(withKey.status, 503);
    assert.ok(Number(withKey.headers.get('retry-after')) >= 1);
    const without = await create('/api/v1/notes', { name: 'no key', text: '' });
    assert.equal(without.status, 201);
    assert.equal(await count('notes'), before_ + 1);
  } finally {
    await t.stack.redis.start();
  }
  await waitFor(async () => (await create('/api/v1/pads', { name: 'back' }, randomUUID())).status === 201, { what: 'Redis back' });
});

test('the spec documents Idempotency-Key, 409 and 422 on exactly the creates that honour it', async () => {
  const documented = [];
  for (const [path, item] of Object.entries(t.v.spec.paths))
    for (const [m, op] of Object.entries(item))
      if ((op?.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey')) {
        documented.push(`${m} ${path}`);
        for (const code of ['201', '409', '422', '503']) assert.ok(op.responses[code], `${m} ${path} ${code}`);
        assert.ok(op.responses['201'].headers['Idempotent-Replayed'], `${m} ${path} Idempotent-Replayed`);
      }
  assert.deepEqual(documented.sort(), ['post /api/v1/notes', 'post /api/v1/pads']);
  // and the API honours it on each of them (a replay), and on no other POST (the header is ignored there)
  for (const entry of documented) {
    const path = entry.split(' ')[1];
    const json = path.endsWith('notes') ? { name: 's', text: '' } : { name: 's' };
    const key = randomUUID();
    await create(path, json, key);
    assert.equal((await create(path, json, key)).headers.get('idempotent-replayed'), 'true', entry);
  }
});
