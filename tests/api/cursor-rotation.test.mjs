// Rotation-proof cursors, with two API processes on one database: pod A holds key ring N, pod B the next ring N+1
// (a new signing key in front, A's key still verifying). During that rollout one client's pages alternate between
// them; a cursor from either pod must be accepted by the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setup, startExtraApi, teardown } from './helpers.mjs';

let t, b;
before(async () => {
  t = await setup();
  const ringN1 = `next:${randomBytes(32).toString('base64')},${t.stack.api.env.NOTEJAM_JWT_KEYS}`;
  b = await startExtraApi(t, { NOTEJAM_JWT_KEYS: ringN1 });
});
after(async () => {
  const { code, logs } = await b.stop();
  assert.equal(code, 0, `pod B exited with ${code}\n${logs}`);
  await teardown(t);
});

test('a cursor from the pod with ring N works on the pod with ring N+1, and the other way round', async () => {
  const u = await t.signup();
  for (let i = 0; i < 4; i++) assert.equal((await t.post('/api/v1/notes', { name: `note ${i}`, text: '' }, u.token)).status, 201);
  const names = [];
  let cursor = null;
  // Pages 1 and 3 from A, 2 and 4 from B; each page's cursor came from the other pod.
  for (let page = 0; page < 4; page++) {
    const pod = page % 2 === 0 ? t : b;
    const r = await pod.get(`/api/v1/notes?order=name&limit=1${cursor ? `&cursor=${cursor}` : ''}`, u.token);
    assert.equal(r.status, 200, `page ${page + 1} on pod ${page % 2 === 0 ? 'A' : 'B'}: ${r.text}`);
    names.push(...r.body.items.map((n) => n.name));
    cursor = r.body.next_cursor;
  }
  assert.deepEqual(names, ['note 0', 'note 1', 'note 2', 'note 3']);
  assert.equal(cursor, null);
});

test('a cursor stays tamper-proof on both pods', async () => {
  const u = await t.signup();
  for (let i = 0; i < 2; i++) await t.post('/api/v1/notes', { name: `n${i}`, text: '' }, u.token);
  const cursor = (await b.get('/api/v1/notes?order=name&limit=1', u.token)).body.next_cursor;
  const forged = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
  for (const pod of [t, b]) assert.equal((await pod.get(`/api/v1/notes?order=name&limit=1&cursor=${forged}`, u.token)).status, 400);
});
